package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSockets through the router; the test backends close idle tunnels after 1.5 s, all after 4 s.
 */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
class WebSocketProxyTest {

  private static Vertx vertx;
  private static WebSocketClient client;

  @TestHTTPResource("/")
  URL router;

  @BeforeAll
  static void startClient() {
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stopClient() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private WebSocketConnectOptions toSandbox(String id, String path) {
    return new WebSocketConnectOptions()
        .setHost(router.getHost())
        .setPort(router.getPort())
        .setURI(path)
        .addHeader("X-Sandbox-ID", id)
        .addHeader("X-Sandbox-Namespace", "team-a");
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void echoesTextAndBinaryFramesWithTheNegotiatedSubProtocol() throws Exception {
    WebSocket socket = await(client.connect(toSandbox("echo", "/ws").addSubProtocol("agent.v1")));
    assertEquals("agent.v1", socket.subProtocol());

    CompletableFuture<String> text = new CompletableFuture<>();
    socket.textMessageHandler(text::complete);
    socket.writeTextMessage("hello sandbox");
    assertEquals("agent.v1:hello sandbox", text.get(5, TimeUnit.SECONDS));

    byte[] payload = new byte[256 * 1024];
    new java.util.Random(7).nextBytes(payload);
    CompletableFuture<Buffer> binary = new CompletableFuture<>();
    socket.binaryMessageHandler(binary::complete);
    socket.writeBinaryMessage(Buffer.buffer(payload));
    assertArrayEquals(payload, binary.get(5, TimeUnit.SECONDS).getBytes());
    await(socket.close());
  }

  @Test
  void relaysTheSandboxRefusingTheUpgrade() {
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> await(client.connect(toSandbox("echo", "/not-a-ws"))));
    assertTrue(failure.getCause() instanceof UpgradeRejectedException, failure.toString());
    assertEquals(404, ((UpgradeRejectedException) failure.getCause()).getStatus());
  }

  @Test
  void answersAProblemWhenTheSandboxIsUnreachable() {
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () ->
                await(
                    client.connect(
                        toSandbox("echo", "/ws")
                            .addHeader(
                                "X-Sandbox-Port", String.valueOf(SandboxBackends.closedPort)))));
    assertEquals(502, ((UpgradeRejectedException) failure.getCause()).getStatus());
  }

  @Test
  void refusesAnUpgradeWithABadRoutingHeader() {
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> await(client.connect(toSandbox("Not_A_Label", "/ws"))));
    assertEquals(400, ((UpgradeRejectedException) failure.getCause()).getStatus());
  }

  @Test
  void closesAQuietTunnelAfterTheIdleTimeout() throws Exception {
    WebSocket socket = await(client.connect(toSandbox("echo", "/ws")));
    long opened = System.nanoTime();
    CompletableFuture<Duration> closed = new CompletableFuture<>();
    // The router closes the connection without a close frame; that is the expected end here.
    socket.exceptionHandler(ignored -> {});
    socket.closeHandler(v -> closed.complete(Duration.ofNanos(System.nanoTime() - opened)));
    Duration lived = closed.get(5, TimeUnit.SECONDS);
    assertTrue(lived.toMillis() >= 1400, "closed after " + lived.toMillis() + " ms");
  }

  @Test
  void closesABusyTunnelAtItsMaximumLifetime() throws Exception {
    WebSocket socket = await(client.connect(toSandbox("echo", "/ws")));
    long opened = System.nanoTime();
    CompletableFuture<Duration> closed = new CompletableFuture<>();
    // The router closes the connection without a close frame; that is the expected end here.
    socket.exceptionHandler(ignored -> {});
    socket.closeHandler(v -> closed.complete(Duration.ofNanos(System.nanoTime() - opened)));
    // Traffic every 300 ms keeps the tunnel from ever being idle for 1.5 s.
    long chatter = vertx.setPeriodic(300, id -> socket.writeTextMessage("still here"));
    try {
      Duration lived = closed.get(8, TimeUnit.SECONDS);
      assertTrue(lived.toMillis() >= 3900, "closed after " + lived.toMillis() + " ms");
    } catch (TimeoutException e) {
      throw new AssertionError("a busy tunnel outlived its maximum lifetime", e);
    } finally {
      vertx.cancelTimer(chatter);
    }
  }
}
