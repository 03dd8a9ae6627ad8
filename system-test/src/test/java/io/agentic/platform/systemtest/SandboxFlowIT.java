package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.testsupport.ProblemJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Flow 4: the router proxies HTTP, SSE and a WebSocket to the local sandbox; bad headers: 400. */
@ExtendWith(SuiteExtension.class)
class SandboxFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpRequest.Builder toSandbox(LocalSuite suite, String path) {
    return HttpRequest.newBuilder(URI.create(suite.url(suite.ports.routerHttp(), path)))
        .timeout(Duration.ofSeconds(30))
        .header("X-Sandbox-ID", "echo");
  }

  @Test
  void anHttpRequestReachesTheSandboxWithItsBody(LocalSuite suite) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            toSandbox(suite, "/tools/run?x=1")
                .POST(HttpRequest.BodyPublishers.ofString("print(1)"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode echo = JSON.readTree(response.body());
    assertEquals("local stand-in", echo.path("sandbox").asText());
    assertEquals("POST", echo.path("method").asText());
    assertEquals("/tools/run", echo.path("path").asText());
    assertEquals("x=1", echo.path("query").asText());
    assertEquals("print(1)", echo.path("body").asText());
    // Routing headers stay with the router.
    assertTrue(echo.path("headers").path("x-sandbox-id").isMissingNode(), response.body());
  }

  @Test
  void serverSentEventsStreamThrough(LocalSuite suite) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response =
        HTTP.send(
            toSandbox(suite, "/sse?count=3").GET().build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    List<String> events = response.body().filter(l -> l.startsWith("data:")).toList();
    assertEquals(List.of("data: event 1", "data: event 2", "data: event 3"), events);
  }

  @Test
  void aWebSocketEchoesThroughTheRouter(LocalSuite suite) throws Exception {
    CompletableFuture<String> echoed = new CompletableFuture<>();
    WebSocket socket =
        HTTP.newWebSocketBuilder()
            .header("X-Sandbox-ID", "echo")
            .buildAsync(
                URI.create("ws://127.0.0.1:" + suite.ports.routerHttp() + "/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    echoed.complete(data.toString());
                    return null;
                  }
                })
            .get(30, TimeUnit.SECONDS);
    socket.sendText("hello through the router", true);
    assertEquals("hello through the router", echoed.get(30, TimeUnit.SECONDS));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBadRoutingHeaderIs400ProblemJson(LocalSuite suite) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(suite.url(suite.ports.routerHttp(), "/x")))
                .header("X-Sandbox-ID", "Not_A_Label")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    ProblemJson.assertProblem(response, 400).detailContains("X-Sandbox-ID");
  }
}
