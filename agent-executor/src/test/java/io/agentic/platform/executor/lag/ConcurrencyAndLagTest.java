package io.agentic.platform.executor.lag;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.nats.client.api.ConsumerInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The concurrency limit (4 in tests) and the lag KEDA scales on, observed together. */
@QuarkusTest
class ConcurrencyAndLagTest {

  static final Duration WAIT = Duration.ofSeconds(20);

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
  void runsNeverExceedTheLimitAndLagIsPendingPlusAckPending() throws Exception {
    String batch = newRunId();
    String reply = NatsTestClient.reply(batch);
    Inbox results = nats.listen(reply);
    llm.holdCalls(batch);
    llm.resetConcurrency();
    for (int i = 0; i < 9; i++) {
      nats.publishRequest(
          request(batch + "-" + i, "support", "queued " + batch).put("replyTo", reply).encode());
    }

    await().atMost(WAIT).until(() -> llm.concurrent() == 4);
    // Four runs hold the four slots; five requests wait in the stream.
    await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonPath lag = given().get("/queue-lag").then().statusCode(200).extract().jsonPath();
              return lag.getLong("lag") == 9
                  && lag.getLong("numAckPending") == 4
                  && lag.getLong("numPending") == 5;
            });
    ConsumerInfo info = consumerInfo();
    assertEquals(9, info.getNumPending() + info.getNumAckPending(), "KEDA's formula");
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("agent_executor_queue_lag 9.0"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> llm.callsWith(batch).size() == 4);

    llm.release();
    for (int i = 0; i < 9; i++) {
      assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    }
    assertEquals(4, llm.maxConcurrent());
    await()
        .atMost(WAIT)
        .until(() -> given().get("/queue-lag").then().extract().jsonPath().getLong("lag") == 0);
  }

  private ConsumerInfo consumerInfo() throws Exception {
    return nats.connection()
        .jetStreamManagement()
        .getConsumerInfo(
            NatsTestClient.config("nats.stream-name"),
            NatsTestClient.config("nats.consumer-group"));
  }
}
