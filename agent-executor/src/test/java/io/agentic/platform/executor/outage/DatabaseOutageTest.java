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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PostgreSQL goes away and comes back; no request is lost, handed back or run twice. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Profile.class)
class DatabaseOutageTest extends OutageTestBase {

  public static class Profile extends OutageProfile {}

  @Test
  void postgresOutageKeepsRequestsUnackedUntilItReturns() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    proxies.postgres().cut();
    await().atMost(WAIT).until(() -> given().get("/ready").statusCode() == 503);
    nats.publishRequest(request(runId, "support", "pg " + runId).put("replyTo", reply).encode());

    // While the database is away the request is held, not handed back: it is never redelivered
    // (a redelivery would count toward its delivery limit), acked or executed.
    await().atMost(WAIT).until(() -> consumerInfo().getNumAckPending() == 1);
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                results.messages().isEmpty()
                    && llm.callsWith(runId).isEmpty()
                    && consumerInfo().getRedelivered() == 0
                    && consumerInfo().getNumAckPending() == 1);

    proxies.postgres().restore();
    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals(1, llm.callsWith(runId).size());
    awaitSettled();
    await().atMost(WAIT).until(() -> given().get("/ready").statusCode() == 200);
  }
}
