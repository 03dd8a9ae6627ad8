package io.agentic.platform.standins.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.standins.Http;
import io.agentic.platform.standins.StandinPorts;
import io.agentic.platform.standins.StandinsConfig;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StandinPorts.class, scope = TestResourceScope.GLOBAL)
class SandboxStandinTest {

  @Inject StandinsConfig config;
  @Inject Vertx vertx;

  @Test
  void echoesWhatArrived() {
    HttpResponse<String> response =
        Http.send(
            Http.request(config, config.sandbox().port(), "/some/path?x=1&y=a%20b")
                .header("X-Test", "abc")
                .header("Content-Type", "text/plain")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("hello sandbox")));

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonObject echo = Http.json(response);
    assertEquals("local stand-in", echo.getString("sandbox"));
    assertEquals("PATCH", echo.getString("method"));
    assertEquals("/some/path", echo.getString("path"));
    assertEquals("x=1&y=a%20b", echo.getString("query"));
    assertEquals("abc", echo.getJsonObject("headers").getString("x-test"));
    assertEquals("text/plain", echo.getJsonObject("headers").getString("content-type"));
    assertEquals("hello sandbox", echo.getString("body"));
  }

  @Test
  void streamsTheAskedNumberOfEventsAsTheyCome() {
    List<String> lines = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();

    HttpResponse<Stream<String>> response =
        Http.send(
            Http.request(config, config.sandbox().port(), "/sse?count=4").GET(),
            HttpResponse.BodyHandlers.ofLines());
    response
        .body()
        .forEach(
            line -> {
              lines.add(line);
              arrivals.add(System.nanoTime());
            });

    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        List.of("data: event 1", "", "data: event 2", "", "data: event 3", "", "data: event 4", ""),
        lines);
    // Three 100 ms gaps between the first event and the last; some slack for delivery jitter.
    long spreadMs = TimeUnit.NANOSECONDS.toMillis(arrivals.get(6) - arrivals.get(0));
    assertTrue(spreadMs >= 250, "events arrived " + spreadMs + " ms apart, not one by one");
  }

  @Test
  void refusesMoreEventsThanTheMaximum() {
    assertEquals(400, Http.get(config, config.sandbox().port(), "/sse?count=101").statusCode());
    assertEquals(400, Http.get(config, config.sandbox().port(), "/sse?count=x").statusCode());
  }

  @Test
  void webSocketEchoesTextAndBinaryUntilTheClientCloses() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocket socket =
          client
              .connect(config.sandbox().port(), config.host(), "/ws")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      CompletableFuture<String> text = new CompletableFuture<>();
      CompletableFuture<Buffer> binary = new CompletableFuture<>();
      CompletableFuture<Void> closed = new CompletableFuture<>();
      socket.textMessageHandler(text::complete);
      socket.binaryMessageHandler(binary::complete);
      socket.closeHandler(end -> closed.complete(null));

      socket.writeTextMessage("hello over ws");
      socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));

      assertEquals("hello over ws", text.get(10, TimeUnit.SECONDS));
      assertEquals(Buffer.buffer(new byte[] {1, 2, 3}), binary.get(10, TimeUnit.SECONDS));
      socket.close();
      closed.get(10, TimeUnit.SECONDS);
      assertTrue(socket.isClosed());
    } finally {
      client.close();
    }
  }
}
