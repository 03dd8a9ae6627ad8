package io.agentic.platform.executor.outage;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NATS goes away and comes back during a run; the run finishes once and is acked. */
@QuarkusTest
@TestProfile(NatsOutageTest.Profile.class)
class NatsOutageTest extends OutageTestBase {

  /**
   * A short ack wait, so that a delivery whose ack the server did not take is delivered again, and
   * answered as a duplicate, within the test's time.
   */
  public static class Profile extends OutageProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nats.ack-wait", "8s");
    }
  }

  @Test
  void natsRestartDuringARunReconnectsAndFinishesTheRunOnce() throws Exception {
    String runId = newRunId();
    String reply = "ae-reply." + runId;
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
    await().atMost(WAIT).until(() -> settled(consumerInfo()));
    // Exactly once in effect: the agent ran once. An ack sent just after the reconnect is not
    // always taken by the server (see the module README); the request is then delivered again and
    // answered from the stored run, so any further result is the same result for the same run id.
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
}
