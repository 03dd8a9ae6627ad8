package io.agentic.platform.memory.evermemos;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway survives EverMemOS failing, going away and coming back. Test settings: 2 s timeout, 2
 * retries with 20-100 ms backoff, breaker opening after 3 failures for 1 s.
 */
@QuarkusTest
class ResilienceTest {

  private static final String SEARCH = "{\"query\":\"q\",\"filters\":{\"user_id\":\"alice\"}}";

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  @BeforeEach
  void reset() {
    FakeControl.reset();
  }

  /** Leaves EverMemOS up and the breaker closed for whatever runs next. */
  @AfterEach
  void recover() {
    FakeControl.reset();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> post("/v1/memories/search", SEARCH).extract().statusCode() == 200);
  }

  private static ValidatableResponse post(String path, String body) {
    return given()
        .auth()
        .oauth2(Tokens.forTenant("acme"))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }

  @Test
  void aServerErrorIsRetriedForIdempotentCalls() {
    FakeControl.failNext(1, 500);
    post("/v1/memories/search", SEARCH).statusCode(200);
    assertEquals(2, FakeControl.served());

    FakeControl.reset();
    FakeControl.failNext(2, 503);
    post(
            "/v1/memories",
            "{\"user_id\":\"alice\",\"messages\":[{\"message_id\":\"m1\",\"role\":\"user\","
                + "\"content\":\"hello\",\"timestamp\":\"2025-01-01T00:00:00Z\"}]}")
        .statusCode(200);
    assertEquals(3, FakeControl.served());
  }

  @Test
  void deletesAndFlushesAreNotRetried() {
    FakeControl.failNext(1, 500);
    assertProblem(post("/v1/memories/delete", "{\"user_id\":\"alice\"}"), 502)
        .type("https://agentic.io/problems/memory-gateway/upstream-error");
    assertEquals(1, FakeControl.served());
    FakeControl.failNext(1, 500);
    post("/v1/memories/flush", "{\"user_id\":\"alice\"}").statusCode(502);
    assertEquals(2, FakeControl.served());
  }

  @Test
  void upstreamErrorsAreMappedWithoutLeakingInternals() {
    FakeControl.failNext(1, 422);
    assertProblem(post("/v1/memories/search", SEARCH), 422)
        .type("https://agentic.io/problems/memory-gateway/upstream-rejected")
        .detail(not(containsString("mongo")))
        .detail(not(containsString("injected")));
    assertEquals(1, FakeControl.served(), "a rejected request is not retried");

    FakeControl.failNext(3, 500);
    assertProblem(post("/v1/memories/search", SEARCH), 502)
        .detail(equalTo("EverMemOS failed to search (HTTP 500)"));
    assertEquals(4, FakeControl.served(), "one attempt and two retries");
  }

  @Test
  void aSlowUpstreamIsATimeout() {
    FakeControl.delay(3_000);
    long start = System.nanoTime();
    assertProblem(post("/v1/memories/search", SEARCH), 504)
        .type("https://agentic.io/problems/memory-gateway/upstream-timeout");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 1_900 && millis < 2_900, "answered after " + millis + " ms");
    assertEquals(1, FakeControl.served(), "a timed-out call is not retried");
  }

  @Test
  void downUpstreamOpensTheBreakerAndRecovers() {
    FakeControl.down();
    assertProblem(post("/v1/memories/search", SEARCH).header("Retry-After", notNullValue()), 503)
        .type("https://agentic.io/problems/memory-gateway/upstream-unavailable");
    given().get(readiness).then().statusCode(503).body("status", equalTo("DOWN"));

    // Three failed attempts opened the breaker: EverMemOS is back, but not called yet.
    FakeControl.up();
    assertProblem(post("/v1/memories/search", SEARCH).header("Retry-After", notNullValue()), 503)
        .detailContains("paused");
    assertEquals(0, FakeControl.served(), "an open breaker sends nothing upstream");
    given().get(readiness).then().statusCode(200).body("status", equalTo("UP"));

    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> post("/v1/memories/search", SEARCH).extract().statusCode() == 200);
    assertEquals(1, FakeControl.served(), "one trial call closed the breaker");
  }
}
