package io.agentic.platform.executor.run;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A short lease kept alive while its run lives: a run that takes many leases is never taken over by
 * a resend, and the resend is answered as soon as the run ends.
 */
@QuarkusTest
@TestProfile(LeaseRenewalTest.Profile.class)
class LeaseRenewalTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("executor.run-lease", "1500ms");
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
  void aLongRunKeepsItsLeaseAndAResendIsAnsweredWhenItEnds() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    llm.holdCalls(runId);
    String request = request(runId, "support", "long " + runId).put("replyTo", reply).encode();
    nats.publishRequest(request);
    await().atMost(WAIT).until(() -> llm.callsWith(runId).size() == 1);

    // The resend arrives while the run goes on for four leases.
    nats.publishRequest(request);
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(9))
        .until(() -> llm.callsWith(runId).size() == 1 && results.messages().isEmpty());
    Instant released = Instant.now();
    llm.release();

    String first = new String(results.next(WAIT).getData(), StandardCharsets.UTF_8);
    String second = new String(results.next(WAIT).getData(), StandardCharsets.UTF_8);
    assertTrue(
        Duration.between(released, Instant.now()).toMillis() < 5_000,
        "the resend was answered when the run ended, not a lease later");
    assertEquals(first, second, "the resend got the run's result");
    assertTrue(first.contains("\"attempts\":1"), "never taken over: " + first);
    assertEquals(1, llm.callsWith(runId).size());
  }
}
