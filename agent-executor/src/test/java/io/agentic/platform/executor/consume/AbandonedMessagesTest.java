package io.agentic.platform.executor.consume;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message whose every delivery ends without an outcome (here: taken by a replica that never
 * answers, as one killed mid-run each time) reaches the consumer's delivery limit, after which NATS
 * never delivers it again. It must not vanish: the executor dead-letters it.
 */
@QuarkusTest
@TestProfile(AbandonedMessagesTest.Profile.class)
class AbandonedMessagesTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("executor.max-deliveries", "2", "nats.ack-wait", "2s");
    }
  }

  FakeLlm llm;
  NatsTestClient nats;

  @BeforeEach
  void connect() throws Exception {
    nats = new NatsTestClient();
  }

  @AfterEach
  void close() throws Exception {
    llm.release();
    nats.close();
  }

  @Test
  void aMessageThatReachesTheDeliveryLimitWithoutAnOutcomeIsDeadLettered() throws Exception {
    // Every run slot of the executor busy, so only the dying replica below takes the message.
    String busy = newRunId();
    llm.holdCalls(busy);
    for (int i = 0; i < 4; i++) {
      nats.publishRequest(request(busy + "-" + i, "support", "hold " + busy).encode());
    }
    await().atMost(WAIT).until(() -> llm.callsWith(busy).size() == 4);

    String runId = newRunId();
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    Inbox results = nats.listen(NatsTestClient.reply(runId));
    JetStreamSubscription dying =
        nats.connection()
            .jetStream()
            .subscribe(
                null,
                PullSubscribeOptions.bind(
                    NatsTestClient.config("nats.stream-name"),
                    NatsTestClient.config("nats.consumer-group")));
    nats.publishRequest(
        request(runId, "support", "abandoned " + runId)
            .put("replyTo", NatsTestClient.reply(runId))
            .encode());
    for (int delivery = 1; delivery <= 2; delivery++) {
      List<Message> taken = dying.fetch(1, WAIT);
      assertEquals(1, taken.size(), "delivery " + delivery + " reached the dying replica");
      // Never acked: the replica "dies" with it.
    }
    // Pulling again after the ack wait: the server would deliver a third time, but the limit is
    // reached, so it delivers nothing and announces the message in its advisory.
    assertTrue(dying.fetch(1, Duration.ofSeconds(5)).isEmpty(), "no third delivery");

    JsonObject record = dead.nextDeadLetterContaining(runId, WAIT);
    assertEquals("max_deliveries", record.getString("reason"));
    assertEquals(runId, record.getString("runId"));
    assertTrue(record.getString("detail").contains("without an outcome"));
    assertEquals("dead", results.nextJson(WAIT).getString("status"), "the requester is told");
    assertTrue(llm.callsWith(runId).isEmpty());
    dying.unsubscribe();
  }
}
