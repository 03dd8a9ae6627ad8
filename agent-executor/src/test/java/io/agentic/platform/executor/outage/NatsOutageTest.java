package io.agentic.platform.executor.outage;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NATS goes away and comes back during a run, or the connection silently stops carrying anything;
 * either way the run finishes once and is acked.
 */
@QuarkusTest
@TestProfile(NatsOutageTest.Profile.class)
class NatsOutageTest extends OutageTestBase {

  /**
   * A short ack wait, so that a delivery whose ack could not be sent is delivered again, and
   * answered as a duplicate, within the test's time; and a short PING period, so that a silent
   * connection is found within it too.
   */
  public static class Profile extends OutageProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nats.ack-wait", "8s", "nats.ping-interval", "2s");
    }
  }

  @Test
  void natsRestartDuringARunReconnectsAndFinishesTheRunOnce() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    llm.holdCalls(runId);
    nats.publishRequest(request(runId, "support", "hold " + runId).put("replyTo", reply).encode());
    await().atMost(WAIT).until(() -> llm.callsWith(runId).size() == 1);

    proxies.nats().cut();
    await().atMost(WAIT).until(() -> given().get("/ready").statusCode() == 503);
    proxies.nats().restore();
    await().atMost(WAIT).until(() -> given().get("/ready").statusCode() == 200);
    llm.release();

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals(runId, result.getString("runId"));
    awaitSettled();
    // Exactly once in effect: the agent ran once. Should a signal have been lost with the old
    // connection, the request is delivered again and answered from the stored run, so any further
    // result is the same result for the same run id.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> llm.callsWith(runId).size() == 1);
    for (var again : results.messages()) {
      JsonObject duplicate = new JsonObject(new String(again.getData(), StandardCharsets.UTF_8));
      assertEquals(runId, duplicate.getString("runId"));
      assertEquals(result.getString("status"), duplicate.getString("status"));
      assertEquals(result.getValue("output"), duplicate.getValue("output"));
    }
  }

  @Test
  void connectionThatStopsCarryingDataIsReplacedAndTheRunFinishesOnce() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    llm.holdCalls(runId);
    nats.publishRequest(request(runId, "support", "hold " + runId).put("replyTo", reply).encode());
    await().atMost(WAIT).until(() -> llm.callsWith(runId).size() == 1);

    // The executor's connection stays open but nothing it sends or receives arrives any more: the
    // result and the ack of this run are lost. Unanswered PINGs make the client reconnect; the
    // request is delivered again and answered from the stored run.
    proxies.nats().stall();
    llm.release();

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals(runId, result.getString("runId"));
    awaitSettled();
    assertEquals(1, llm.callsWith(runId).size());
  }
}
