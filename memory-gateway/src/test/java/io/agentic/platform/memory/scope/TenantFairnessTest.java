package io.agentic.platform.memory.scope;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One tenant flooding the gateway with slow searches must not starve another: the flooding tenant
 * gets 429s past its own in-flight limit, the other tenant's searches are all served, with a p99
 * latency within twice the one it has on an idle gateway. The flood is larger than the shared
 * bulkhead, so without per-tenant limits the other tenant would be turned away.
 */
@QuarkusTest
class TenantFairnessTest {

  private static final String SEARCH =
      "{\"query\":\"q\",\"method\":\"agentic\",\"filters\":{\"user_id\":\"alice\"}}";
  private static final int FLOODERS = 100;
  private static final int SAMPLES = 500;

  @TestHTTPResource("/v1/memories/search")
  URL search;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger flooding = new AtomicInteger();

  /** Lets every flooder finish before the next test, so none of its calls is still in flight. */
  @AfterEach
  void drain() {
    stop.set(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> flooding.get() == 0);
    FakeControl.reset();
  }

  private HttpRequest searchAs(String tenant) throws Exception {
    return HttpRequest.newBuilder(search.toURI())
        .header("Authorization", "Bearer " + Tokens.forTenant(tenant))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(SEARCH))
        .build();
  }

  /** Latencies of sequential searches, each of which must succeed. */
  private List<Long> measure(HttpRequest request, int count) throws Exception {
    var latencies = new ArrayList<Long>(count);
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      latencies.add(System.nanoTime() - start);
      assertEquals(200, response.statusCode(), response.body());
    }
    return latencies;
  }

  private static long p99(List<Long> latencies) {
    var sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
  }

  /**
   * One flooding agent: searches again at once when answered, or after Retry-After when turned
   * away; counts the 429s and every refusal.
   */
  private void flood(HttpRequest request, AtomicInteger limited, AtomicInteger turnedAway) {
    if (stop.get()) {
      flooding.decrementAndGet();
      return;
    }
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              long waitMillis = 0;
              if (response == null || response.statusCode() != 200) {
                turnedAway.incrementAndGet();
                waitMillis = 1000;
                if (response != null && response.statusCode() == 429) {
                  limited.incrementAndGet();
                  // Spread like real clients' jitter, so the flood is steady rather than a
                  // burst once a second.
                  long retryAfter =
                      1000 * response.headers().firstValueAsLong("Retry-After").orElse(1);
                  waitMillis = retryAfter + ThreadLocalRandom.current().nextLong(retryAfter);
                }
              }
              CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS)
                  .execute(() -> flood(request, limited, turnedAway));
            });
  }

  @Test
  void aTenantFloodingSlowSearchesDoesNotSlowAnother() throws Exception {
    FakeControl.reset();
    HttpRequest quiet = searchAs("globex");
    measure(quiet, SAMPLES); // warms up both paths before anything is timed
    long unloaded = p99(measure(quiet, SAMPLES));

    FakeControl.delayTenant("acme", 1_500);
    HttpRequest slow = searchAs("acme");
    AtomicInteger limited = new AtomicInteger();
    AtomicInteger turnedAway = new AtomicInteger();
    flooding.set(FLOODERS);
    for (int i = 0; i < FLOODERS; i++) {
      flood(slow, limited, turnedAway);
    }
    // Once more calls than there are flooders were turned away, whatever limit applies is
    // saturated and the flooders are past their first, simultaneous wave.
    await().atMost(Duration.ofSeconds(15)).until(() -> turnedAway.get() > FLOODERS);

    long loaded = p99(measure(quiet, SAMPLES));
    int perTenant =
        ConfigProvider.getConfig()
            .getValue("memory.resilience.tenant-max-concurrent", Integer.class);
    assertTrue(
        FakeControl.delayed() <= perTenant,
        "the flooding tenant has at most its own limit in flight upstream");
    assertTrue(limited.get() > 0, "the flooding tenant was told 429");
    assertTrue(
        loaded <= 2 * unloaded,
        "p99 " + loaded / 1000 + " us under the flood, " + unloaded / 1000 + " us without");
  }
}
