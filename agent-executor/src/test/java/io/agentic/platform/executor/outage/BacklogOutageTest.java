package io.agentic.platform.executor.outage;

import static io.agentic.platform.executor.fake.Requests.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.nats.client.Message;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A backlog rides out an outage of each dependency with the default delivery limit: the outage is
 * not the requests' fault, so none of them is dead-lettered, and each runs exactly once when the
 * dependency is back.
 */
@QuarkusTest
@TestProfile(BacklogOutageTest.Profile.class)
class BacklogOutageTest extends OutageTestBase {

  static final int REQUESTS = 1_000;
  static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outageTestSeconds", 120));
  static final Duration DRAIN = Duration.ofSeconds(120);

  public static class Profile extends OutageProfile {}

  @Test
  void aPostgresOutageOfTwoMinutesLosesNothingAndRunsEachRequestOnce() throws Exception {
    rideOut(proxies.postgres(), "pg", false);
  }

  @Test
  void aRedisOutageOfTwoMinutesLosesNothingAndRunsEachRequestOnce() throws Exception {
    rideOut(proxies.redis(), "redis", true);
  }

  @Test
  void aNatsOutageOfTwoMinutesLosesNothingAndRunsEachRequestOnce() throws Exception {
    rideOut(proxies.nats(), "nats", false);
  }

  private void rideOut(TcpProxy dependency, String name, boolean withSessions) throws Exception {
    String batch = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    Inbox results = nats.listen(NatsTestClient.reply(batch) + ".>");
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    dependency.cut();
    await().atMost(WAIT).until(() -> given().get("/ready").statusCode() == 503);
    for (int i = 0; i < REQUESTS; i++) {
      String runId = batch + "-" + i;
      JsonObject request =
          request(runId, "support", "queued " + runId)
              .put("replyTo", NatsTestClient.reply(batch) + "." + i);
      if (withSessions) {
        request.put("sessionId", "s-" + runId);
      }
      nats.publishRequest(request.encode());
    }

    // The whole outage: nothing is given up, nothing is answered, the executor stays unready.
    await()
        .during(OUTAGE)
        .atMost(OUTAGE.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                dead.messages().isEmpty()
                    && results.messages().isEmpty()
                    && given().get("/ready").statusCode() == 503);

    dependency.restore();
    Map<String, String> statuses = new HashMap<>();
    long until = System.nanoTime() + DRAIN.toNanos();
    while (statuses.size() < REQUESTS && System.nanoTime() < until) {
      Message message = results.messages().poll(1, java.util.concurrent.TimeUnit.SECONDS);
      if (message != null) {
        JsonObject event = new JsonObject(new String(message.getData(), StandardCharsets.UTF_8));
        statuses.put(event.getString("runId"), event.getString("status"));
      }
    }
    assertEquals(REQUESTS, statuses.size(), "every request was answered");
    Map<String, Long> byStatus =
        statuses.values().stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(Map.of("succeeded", (long) REQUESTS), byStatus);
    assertTrue(dead.messages().isEmpty(), () -> dead.messages().size() + " dead letters");
    Map<String, Long> calls =
        llm.calls().stream()
            .map(FakeLlm.Call::lastUserMessage)
            .filter(m -> m.startsWith("queued " + batch + "-"))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(REQUESTS, calls.size(), "every request reached the LLM");
    assertTrue(calls.values().stream().allMatch(n -> n == 1), "no request reached it twice");
    awaitSettled();
  }
}
