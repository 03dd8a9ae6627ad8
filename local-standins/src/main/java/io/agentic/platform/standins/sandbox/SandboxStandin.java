package io.agentic.platform.standins.sandbox;

import io.agentic.platform.standins.Standin;
import io.agentic.platform.standins.StandinsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stands in for one sandbox pod behind the sandbox-router: an echo on every path, a server-sent
 * event stream on /sse and a WebSocket echo on /ws, the three kinds of traffic the router carries.
 */
@ApplicationScoped
public class SandboxStandin implements Standin {

  private final Vertx vertx;
  private final int port;

  SandboxStandin(StandinsConfig config, Vertx vertx) {
    this.vertx = vertx;
    this.port = config.sandbox().port();
  }

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (WebSocketEcho.isUpgrade(request)) {
      WebSocketEcho.accept(request);
    } else if (request.method() == HttpMethod.GET && request.path().equals("/sse")) {
      EventStream.send(vertx, request);
    } else {
      Echo.answer(request);
    }
  }
}
