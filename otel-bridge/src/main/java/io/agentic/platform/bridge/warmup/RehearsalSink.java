package io.agentic.platform.bridge.warmup;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The warm-up's stand-in for the destination: a loopback OTLP/HTTP endpoint that reads each export
 * and answers 200 {@code {}}, as Langfuse does, keeping nothing. It lives only while the bridge
 * warms up; nothing else is ever sent to it.
 */
final class RehearsalSink implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final HttpServer server;

  private RehearsalSink(HttpServer server) {
    this.server = server;
  }

  static RehearsalSink start(Vertx vertx) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
            .requestHandler(
                request ->
                    request
                        .body()
                        .onComplete(
                            read ->
                                request
                                    .response()
                                    .putHeader("Content-Type", "application/json")
                                    .end("{}")));
    server
        .listen(0)
        .toCompletionStage()
        .toCompletableFuture()
        .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return new RehearsalSink(server);
  }

  URI endpoint(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  @Override
  public void close() {
    server.close();
  }
}
