package io.agentic.platform.router.proxy;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Sends every path and method of the main port to the proxy. */
@ApplicationScoped
class ProxyRoute {

  void register(@Observes Router router, SandboxProxy proxy) {
    router.route().handler(ctx -> proxy.handle(ctx.request()));
  }
}
