package io.agentic.platform.memory.api;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies sent without a length (chunked) are held to the same limit as declared ones, and failures
 * nobody planned for are answered as problems that name nothing internal.
 */
@QuarkusTest
class BodyLimitAndFailureTest {

  private static final String SEARCH = "{\"query\":\"q\",\"filters\":{\"user_id\":\"alice\"}}";

  @TestHTTPResource("/")
  URL root;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void reset() {
    FakeControl.reset();
  }

  /** Posts the body without a Content-Length, so it goes out chunked. */
  private HttpResponse<String> chunked(String path, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
            .header("Authorization", "Bearer " + Tokens.forTenant("acme"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aChunkedBodyOverTheLimitIsAProblem413() throws Exception {
    String query = "q".repeat(1_100_000);
    byte[] body =
        ("{\"query\":\"" + query + "\",\"filters\":{\"user_id\":\"alice\"}}")
            .getBytes(StandardCharsets.UTF_8);
    assertProblem(chunked("/v1/memories/search", body), 413)
        .type("https://agentic.io/problems/memory-gateway/too-large")
        .detailContains("1048576");
    assertEquals(0, FakeControl.served());
  }

  @Test
  void aChunkedBodyWithinTheLimitIsServed() throws Exception {
    HttpResponse<String> response =
        chunked("/v1/memories/search", SEARCH.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(1, FakeControl.served());
  }

  @Test
  void aFailureInTheRestLayerIsAProblem500NamingNothingInternal() throws Exception {
    unexpectedFailureIsOpaque("/test-only/rest-failure");
  }

  @Test
  void aFailureInARouteIsAProblem500NamingNothingInternal() throws Exception {
    unexpectedFailureIsOpaque("/test-only/route-failure");
  }

  private void unexpectedFailureIsOpaque(String path) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 500).type("https://agentic.io/problems/memory-gateway/internal-error");
    assertFalse(response.body().contains("secret-internal-detail"), response.body());
    assertFalse(response.body().contains("IllegalStateException"), response.body());
  }
}
