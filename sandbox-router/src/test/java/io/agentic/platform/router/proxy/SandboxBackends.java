package io.agentic.platform.router.proxy;

import io.agentic.platform.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers on loopback standing in for sandboxes. A hosts file handed to the router's
 * resolver maps the sandbox Service names of the tests to 127.0.0.1.
 */
public class SandboxBackends implements QuarkusTestResourceLifecycleManager {

  /** One permit per request that reached /hang, and one per such request the router cancelled. */
  static final Semaphore HANG_ARRIVED = new Semaphore(0);

  static final Semaphore HANG_CANCELLED = new Semaphore(0);
  static int backendPort;
  static int closedPort;

  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().addWebSocketSubProtocol("agent.v1"))
            .requestHandler(SandboxBackends::handle);
    try {
      backendPort =
          server
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get()
              .actualPort();
      closedPort = FreePorts.one();
      Path hosts = Path.of("target", "sandbox-test-hosts");
      Files.writeString(
          hosts,
          String.join(
              "\n",
              "127.0.0.1 localhost",
              "127.0.0.1 echo.team-a.svc.cluster.local",
              "127.0.0.1 other.team-b.svc.cluster.local",
              "127.0.0.1 echo.team-c.svc.cluster.local",
              "127.0.0.1 echo.default.svc.cluster.local",
              "127.0.0.1 kubernetes.default.svc.cluster.local",
              ""));
      return Map.of(
          "quarkus.vertx.resolver.hosts-path",
          hosts.toAbsolutePath().toString(),
          "router.allowed-ports",
          backendPort + "," + closedPort,
          "router.default-port",
          String.valueOf(backendPort),
          "router.timeouts.request",
          "2s",
          "router.timeouts.connect",
          "1s",
          "router.upstream.dial-backoff",
          "10ms",
          "router.timeouts.websocket-idle",
          "1500ms",
          "router.timeouts.websocket-max-lifetime",
          "4s");
    } catch (Exception e) {
      throw new IllegalStateException("could not start the sandbox backends", e);
    }
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .orTimeout(10, TimeUnit.SECONDS)
          .join();
    }
  }

  private static void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      webSocket(request);
      return;
    }
    switch (request.path()) {
      case "/download" -> download(response, Long.parseLong(request.getParam("bytes")));
      case "/sse" -> serverSentEvents(request, Long.parseLong(request.getParam("gapMs")));
      case "/hang" -> {
        response.closeHandler(closed -> HANG_CANCELLED.release());
        HANG_ARRIVED.release();
      }
      case "/status" -> {
        response.setStatusCode(Integer.parseInt(request.getParam("code")));
        String reason = request.getParam("reason");
        if (reason != null) {
          response.setStatusMessage(reason);
        }
        response.end();
      }
      case "/set-cookie" -> response.putHeader("Set-Cookie", "session=sandbox-a; Path=/").end();
      case "/reset" -> {
        response.setChunked(true).write("partial body");
        Vertx.currentContext().owner().setTimer(100, id -> request.connection().close());
      }
      default -> echo(request);
    }
  }

  /** Echoes every frame, prefixed with the sub-protocol the handshake agreed on. */
  private static void webSocket(HttpServerRequest request) {
    if (request.path().equals("/hang")) {
      return; // a handshake left unanswered
    }
    if (!request.path().equals("/ws")) {
      request.response().setStatusCode(404).end();
      return;
    }
    request.toWebSocket().onSuccess(SandboxBackends::echoFrames);
  }

  private static void echoFrames(ServerWebSocket socket) {
    String protocol = socket.subProtocol() == null ? "" : socket.subProtocol();
    socket.textMessageHandler(text -> socket.writeTextMessage(protocol + ":" + text));
    socket.binaryMessageHandler(socket::writeBinaryMessage);
  }

  private static void echo(HttpServerRequest request) {
    long[] bytes = {0};
    request.handler(chunk -> bytes[0] += chunk.length());
    request.endHandler(
        ended -> {
          JsonObjectBuilder headers = Json.createObjectBuilder();
          request
              .headers()
              .names()
              .forEach(
                  name ->
                      headers.add(
                          name.toLowerCase(), String.join(",", request.headers().getAll(name))));
          request
              .response()
              .putHeader("Content-Type", "application/json")
              .putHeader("Connection", "keep-alive, x-backend-private")
              .putHeader("X-Backend-Private", "must not reach the client")
              .end(
                  Json.createObjectBuilder()
                      .add("method", request.method().name())
                      .add("uri", request.uri())
                      .add("bytes", bytes[0])
                      .add("headers", headers)
                      .build()
                      .toString());
        });
  }

  private static void download(HttpServerResponse response, long total) {
    response.setChunked(true);
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    long[] left = {total};
    Runnable[] writeMore = new Runnable[1];
    writeMore[0] =
        () -> {
          while (left[0] > 0 && !response.writeQueueFull()) {
            int size = (int) Math.min(chunk.length(), left[0]);
            response.write(size == chunk.length() ? chunk : chunk.getBuffer(0, size));
            left[0] -= size;
          }
          if (left[0] == 0) {
            response.end();
          } else {
            response.drainHandler(drained -> writeMore[0].run());
          }
        };
    writeMore[0].run();
  }

  private static void serverSentEvents(HttpServerRequest request, long gapMs) {
    HttpServerResponse response = request.response();
    response.setChunked(true).putHeader("Content-Type", "text/event-stream");
    response.write("data: first\n\n");
    Vertx.currentContext().owner().setTimer(gapMs, id -> response.end("data: second\n\n"));
  }
}
