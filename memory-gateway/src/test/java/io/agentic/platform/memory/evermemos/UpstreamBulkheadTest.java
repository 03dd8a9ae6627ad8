package io.agentic.platform.memory.evermemos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulkhead caps the calls EverMemOS has in flight: with room for two and one waiting, a fourth
 * and fifth call while EverMemOS is slow are answered 503 at once, and nothing beyond the cap
 * reaches it.
 */
@QuarkusTest
@TestProfile(UpstreamBulkheadTest.SmallBulkhead.class)
class UpstreamBulkheadTest {

  public static class SmallBulkhead implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "memory.resilience.bulkhead-max-concurrent", "2",
          "memory.evermemos.timeout", "5s");
    }
  }

  private static final String SEARCH = "{\"query\":\"q\",\"filters\":{\"user_id\":\"alice\"}}";

  @TestHTTPResource("/v1/memories/search")
  URL search;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void reset() {
    FakeControl.reset();
  }

  private CompletableFuture<HttpResponse<String>> searchAsync() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(search.toURI())
            .header("Authorization", "Bearer " + Tokens.forTenant("acme"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(SEARCH))
            .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void callsBeyondTheBulkheadAndItsQueueAreRefusedAtOnce() throws Exception {
    FakeControl.delay(1_500);
    long start = System.nanoTime();
    List<CompletableFuture<Long>> answeredAfter = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CompletableFuture<HttpResponse<String>> call = searchAsync();
      calls.add(call);
      answeredAfter.add(call.thenApply(answer -> (System.nanoTime() - start) / 1_000_000));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> calls.stream().filter(CompletableFuture::isDone).count() >= 2);
    assertTrue(FakeControl.delayed() <= 2, "EverMemOS never has more than the bulkhead's calls");

    int served = 0;
    int refused = 0;
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<String> answer = calls.get(i).get();
      long millis = answeredAfter.get(i).get();
      if (answer.statusCode() == 200) {
        served++;
        assertTrue(millis >= 1_400, "served after " + millis + " ms");
      } else {
        refused++;
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("too many calls to EverMemOS"), answer.body());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent());
        assertTrue(millis < 1_400, "refused after " + millis + " ms, not queued");
      }
    }
    assertEquals(3, served, "two in flight and one waiting for a place");
    assertEquals(2, refused);
    assertEquals(3, FakeControl.served(), "the waiting call ran once a place was free");
  }
}
