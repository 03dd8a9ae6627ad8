package io.agentic.platform.memory.api;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input a hostile or careless client sends: each is a specific 4xx problem+json, never a 500, and
 * none reaches EverMemOS.
 */
@QuarkusTest
class HostileInputTest {

  private static final String INVALID =
      "https://agentic.io/problems/memory-gateway/invalid-request";

  @TestHTTPResource("/v1/memories")
  URL store;

  @BeforeEach
  void reset() {
    FakeControl.reset();
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

  private static String storeWithTimestamp(String timestamp) {
    return "{\"user_id\":\"u\",\"messages\":[{\"message_id\":\"m\",\"role\":\"user\","
        + "\"content\":\"hi\",\"timestamp\":"
        + timestamp
        + "}]}";
  }

  private static String searchBetween(String start, String end) {
    return "{\"query\":\"q\",\"filters\":{\"user_id\":\"u\",\"start_time\":\""
        + start
        + "\",\"end_time\":\""
        + end
        + "\"}}";
  }

  @Test
  void timestampsBeyondEpochMillisecondsAre400() {
    assertProblem(post("/v1/memories", storeWithTimestamp("\"+999999999-12-31T23:59:59Z\"")), 400)
        .type(INVALID)
        .detailContains("messages[0].timestamp");
    assertProblem(
            post(
                "/v1/memories/search",
                searchBetween("-999999999-01-01T00:00:00Z", "2025-01-01T00:00:00Z")),
            400)
        .type(INVALID)
        .detailContains("filters.start_time");
    assertEquals(0, FakeControl.served());
  }

  @Test
  void aNumericTimestampIsRefusedNotStoredAsEpochZero() {
    for (String timestamp : new String[] {"1e300", "0", "1735689600000"}) {
      assertProblem(post("/v1/memories", storeWithTimestamp(timestamp)), 400)
          .type(INVALID)
          .detailContains("messages[0].timestamp");
    }
    assertEquals(0, FakeControl.served());
  }

  @Test
  void aNumberPastJacksonsLimitsIs400() {
    String huge = "1" + "0".repeat(2000);
    assertProblem(post("/v1/memories/search", "{\"query\":\"q\",\"top_k\":" + huge + "}"), 400)
        .type(INVALID);
    assertEquals(0, FakeControl.served());
  }

  @Test
  void aBodyWithoutContentTypeIs415() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(store.toURI())
                    .header("Authorization", "Bearer " + Tokens.forTenant("acme"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            storeWithTimestamp("\"2025-01-01T00:00:00Z\"")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 415)
        .type("https://agentic.io/problems/memory-gateway/unsupported-media-type");
    assertEquals(0, FakeControl.served());
  }
}
