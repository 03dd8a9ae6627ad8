package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.access.NamespacePolicy;
import io.agentic.platform.router.auth.CallerAuthentication;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.RoutingHeaders;
import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Checks a request (headers, caller, allow-lists) and, when it passes, hands it to a {@link
 * ProxiedExchange} that streams it to the sandbox. A request that fails a check is answered with a
 * problem and never opens a connection.
 */
@ApplicationScoped
public class SandboxProxy {

  private final Vertx vertx;
  private final RouterConfig config;
  private final RoutingHeaders routingHeaders;
  private final NamespacePolicy namespaces;
  private final CallerAuthentication authentication;
  private final HttpClient client;

  SandboxProxy(
      Vertx vertx,
      RouterConfig config,
      RoutingHeaders routingHeaders,
      NamespacePolicy namespaces,
      CallerAuthentication authentication) {
    this.vertx = vertx;
    this.config = config;
    this.routingHeaders = routingHeaders;
    this.namespaces = namespaces;
    this.authentication = authentication;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) config.timeouts().connect().toMillis())
                .setDecompressionSupported(false),
            new PoolOptions().setHttp1MaxSize(config.upstream().maxConnectionsPerHost()));
  }

  public void handle(HttpServerRequest request) {
    request.pause();
    try {
      SandboxTarget target = routingHeaders.target(request.headers());
      namespaces.check(target);
      authentication.authorize(request.headers(), target);
      RequestOptions options =
          new RequestOptions()
              .setMethod(request.method())
              .setHost(target.host(config.clusterDomain()))
              .setPort(target.port())
              .setURI(upstreamUri(request))
              .setHeaders(
                  ForwardedHeaders.toUpstream(
                      request, authentication.consumesAuthorizationHeader(request.headers())))
              .setIdleTimeout(config.timeouts().idle().toMillis());
      new ProxiedExchange(vertx, client, config.upstream(), config.timeouts(), request, target)
          .start(options, responseTimeout(request));
    } catch (ProblemException e) {
      respond(request, e.problem());
    }
  }

  static void respond(HttpServerRequest request, Problem problem) {
    HttpServerResponse response = request.response();
    if (response.headWritten() || response.closed()) {
      return;
    }
    request.resume();
    response
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(problem.toJson());
  }

  /** The path and raw query only: an absolute-form request target never picks the destination. */
  private String upstreamUri(HttpServerRequest request) {
    String path = request.path();
    if (path == null || !path.startsWith("/")) {
      throw new ProblemException(
          Problem.badRequestTarget("the request target must be an absolute path"));
    }
    String prefix = config.stripPrefix().orElse("");
    if (!prefix.isEmpty() && (path.equals(prefix) || path.startsWith(prefix + "/"))) {
      path = path.length() == prefix.length() ? "/" : path.substring(prefix.length());
    }
    String query = request.query();
    return query == null ? path : path + "?" + query;
  }

  private Duration responseTimeout(HttpServerRequest request) {
    String value = request.getHeader(RoutingHeaders.TIMEOUT);
    if (value == null) {
      return config.timeouts().request();
    }
    Duration max = config.timeouts().maxRequest();
    if (!value.strip().matches("[0-9]{1,6}") || Integer.parseInt(value.strip()) == 0) {
      throw new ProblemException(
          Problem.badHeader(
              RoutingHeaders.TIMEOUT,
              "must be a whole number of seconds between 1 and " + max.toSeconds()));
    }
    Duration asked = Duration.ofSeconds(Integer.parseInt(value.strip()));
    return asked.compareTo(max) > 0 ? max : asked;
  }
}
