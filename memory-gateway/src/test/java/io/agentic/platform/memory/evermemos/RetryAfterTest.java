package io.agentic.platform.memory.evermemos;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries wait at least as long as EverMemOS's Retry-After asks, and a wait longer than the
 * gateway's longest backoff is passed on to the caller instead of being retried. Backoff here is 20
 * ms at first and at most 2 s.
 */
@QuarkusTest
@TestProfile(RetryAfterTest.LongerBackoff.class)
class RetryAfterTest {

  public static class LongerBackoff implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("memory.resilience.max-backoff", "2s");
    }
  }

  private static final String SEARCH = "{\"query\":\"q\",\"filters\":{\"user_id\":\"alice\"}}";

  @BeforeEach
  void reset() {
    FakeControl.reset();
  }

  private static ValidatableResponse search() {
    return given()
        .auth()
        .oauth2(Tokens.forTenant("acme"))
        .contentType(ContentType.JSON)
        .body(SEARCH)
        .post("/v1/memories/search")
        .then();
  }

  @Test
  void aRetryWaitsAsLongAsEverMemOsAsks() {
    FakeControl.failNext(1, 503, "1");
    long start = System.nanoTime();
    search().statusCode(200);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(2, FakeControl.served());
    assertTrue(millis >= 1_000, "retried after " + millis + " ms, EverMemOS asked for 1 s");
  }

  @Test
  void aWaitLongerThanTheLongestBackoffIsLeftToTheCaller() {
    FakeControl.failNext(1, 429, "5");
    assertProblem(search().header("Retry-After", equalTo("5")), 503)
        .type("https://agentic.io/problems/memory-gateway/upstream-unavailable");
    assertEquals(1, FakeControl.served(), "not retried before EverMemOS is ready");
  }
}
