package io.agentic.platform.testsupport;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the assertions against answers from a small HTTP server, through both entry points. */
class ProblemJsonTest {

  private static final String PROBLEM =
      "{\"type\":\"https://agentic.io/problems/test/bad-header\",\"title\":\"Bad header\","
          + "\"status\":400,\"detail\":\"X-Sandbox-ID: required\"}";

  private static HttpServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    answer("/problem", 400, "application/problem+json; charset=utf-8", PROBLEM);
    answer("/plain-json", 400, "application/json", PROBLEM);
    answer("/wrong-status-member", 400, ProblemJson.MEDIA_TYPE, PROBLEM.replace("400", "500"));
    answer("/no-title", 400, ProblemJson.MEDIA_TYPE, PROBLEM.replace("\"title\"", "\"name\""));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  private static void answer(String path, int status, String contentType, String body) {
    server.createContext(
        path,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static ValidatableResponse get(String path) {
    return given().get(url(path)).then();
  }

  @Test
  void acceptsAProblemReadWithRestAssured() {
    assertProblem(get("/problem"), 400)
        .type("https://agentic.io/problems/test/bad-header")
        .typeEndsWith("/bad-header")
        .detailContains("X-Sandbox-ID")
        .detail(startsWith("X-Sandbox-ID:"));
  }

  @Test
  void acceptsAProblemReadWithTheJdkClient() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/problem"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 400).typeEndsWith("/bad-header").detailContains("required");
  }

  @Test
  void refusesAnotherStatus() {
    assertThrows(AssertionError.class, () -> assertProblem(get("/problem"), 404));
  }

  @Test
  void refusesAnotherContentType() {
    assertThrows(AssertionError.class, () -> assertProblem(get("/plain-json"), 400));
  }

  @Test
  void refusesAStatusMemberThatIsNotTheHttpStatus() {
    assertThrows(AssertionError.class, () -> assertProblem(get("/wrong-status-member"), 400));
  }

  @Test
  void refusesAProblemWithoutTitle() {
    assertThrows(AssertionError.class, () -> assertProblem(get("/no-title"), 400));
  }

  @Test
  void refusesAnotherTypeOrDetail() {
    ProblemJson problem = assertProblem(get("/problem"), 400);
    assertThrows(AssertionError.class, () -> problem.type("https://agentic.io/problems/test"));
    assertThrows(AssertionError.class, () -> problem.typeEndsWith("/bad-request"));
    assertThrows(AssertionError.class, () -> problem.detailContains("X-Sandbox-Namespace"));
  }
}
