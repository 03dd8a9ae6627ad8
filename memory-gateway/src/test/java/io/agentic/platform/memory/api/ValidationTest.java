package io.agentic.platform.memory.api;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is a specific problem+json 400 or 413, and never reaches EverMemOS. */
@QuarkusTest
class ValidationTest {

  @BeforeEach
  void reset() {
    FakeControl.reset();
  }

  private ValidatableResponse post(String path, String body) {
    return given()
        .auth()
        .oauth2(Tokens.forTenant("acme"))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }

  private void badRequest(String path, String body, String detail) {
    assertProblem(post(path, body), 400)
        .type("https://agentic.io/problems/memory-gateway/invalid-request")
        .detailContains(detail);
  }

  private static String messages(int count, int contentLength) {
    var all = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        all.append(',');
      }
      all.append(MemoryApiTest.message("m" + i, "x".repeat(contentLength), "2025-01-01T00:00:00Z"));
    }
    return "{\"user_id\":\"u\",\"messages\":[" + all + "]}";
  }

  @Test
  void rejectsBadStoreRequests() {
    badRequest("/v1/memories", "{}", "user_id");
    badRequest("/v1/memories", "{\"user_id\":\"u\",\"messages\":[]}", "messages");
    badRequest(
        "/v1/memories", "{\"user_id\":\"u\",\"group_id\":\"g\",\"messages\":[]}", "either user_id");
    badRequest(
        "/v1/memories",
        "{\"user_id\":\"u\",\"messages\":[{\"message_id\":\"m\",\"role\":\"user\","
            + "\"content\":\"hi\"}]}",
        "messages[0].timestamp");
    badRequest(
        "/v1/memories",
        "{\"user_id\":\"u\",\"messages\":[{\"message_id\":\"m\",\"role\":\"robot\","
            + "\"content\":\"hi\",\"timestamp\":\"2025-01-01T00:00:00Z\"}]}",
        "one of user, assistant");
    badRequest(
        "/v1/memories",
        "{\"user_id\":\"u\",\"messages\":[{\"message_id\":\"m\",\"role\":\"user\","
            + "\"content\":\"  \",\"timestamp\":\"2025-01-01T00:00:00Z\"}]}",
        "messages[0].content");
    badRequest(
        "/v1/memories",
        "{\"user_id\":\"u\",\"messages\":[{\"message_id\":\"m\",\"role\":\"user\","
            + "\"content\":\"hi\",\"timestamp\":\"yesterday\"}]}",
        "timestamp");
    badRequest(
        "/v1/memories",
        "{\"group_id\":\"g\",\"messages\":[{\"message_id\":\"m\",\"role\":\"user\","
            + "\"content\":\"hi\",\"timestamp\":\"2025-01-01T00:00:00Z\"}]}",
        "messages[0].sender_id: required");
    assertEquals(0, FakeControl.served());
  }

  @Test
  void rejectsUnknownFieldsAndBrokenJson() {
    badRequest(
        "/v1/memories/search",
        "{\"query\":\"q\",\"filters\":{\"user_id\":\"u\",\"tenant\":\"other\"}}",
        "filters.tenant: unknown field");
    badRequest("/v1/memories/search", "{\"query\":", "not valid JSON");
    badRequest("/v1/memories/search", "[1,2]", "not the expected JSON object");
    badRequest("/v1/memories/search", "{\"query\":\"q\",\"top_k\":\"many\"}", "top_k");
    assertEquals(0, FakeControl.served());
  }

  @Test
  void rejectsBadSearchAndGetRequests() {
    badRequest("/v1/memories/search", "{\"filters\":{\"user_id\":\"u\"}}", "query");
    badRequest("/v1/memories/search", "{\"query\":\"q\"}", "filters.user_id");
    badRequest("/v1/memories/search", "{\"query\":\"q\",\"filters\":{}}", "filters.user_id");
    badRequest(
        "/v1/memories/search",
        "{\"query\":\"q\",\"top_k\":101,\"filters\":{\"user_id\":\"u\"}}",
        "top_k");
    badRequest(
        "/v1/memories/search",
        "{\"query\":\"q\",\"method\":\"psychic\",\"filters\":{\"user_id\":\"u\"}}",
        "keyword, vector, hybrid, agentic");
    badRequest(
        "/v1/memories/search",
        "{\"query\":\"q\",\"filters\":{\"user_id\":\"u\",\"start_time\":\"2025-02-01T00:00:00Z\","
            + "\"end_time\":\"2025-01-01T00:00:00Z\"}}",
        "start_time is after end_time");
    badRequest(
        "/v1/memories/search",
        "{\"query\":\"q\",\"memory_types\":[\"foresight\"],\"filters\":{\"user_id\":\"u\"}}",
        "foresight is not offered");
    badRequest("/v1/memories/get", "{\"filters\":{\"user_id\":\"u\"}}", "memory_type");
    badRequest(
        "/v1/memories/get",
        "{\"memory_type\":\"episodic_memory\",\"page\":0,\"filters\":{\"user_id\":\"u\"}}",
        "page");
    badRequest(
        "/v1/memories/get",
        "{\"memory_type\":\"episodic_memory\",\"page_size\":1000,\"filters\":{\"user_id\":\"u\"}}",
        "page_size");
    badRequest("/v1/memories/delete", "{\"session_id\":\"s\"}", "user_id and/or group_id");
    badRequest("/v1/memories/flush", "{}", "either user_id or group_id");
    assertEquals(0, FakeControl.served());
  }

  @Test
  void limitsSizes() {
    assertProblem(post("/v1/memories", messages(101, 10)), 413)
        .type("https://agentic.io/problems/memory-gateway/too-large")
        .detailContains("at most 100");
    assertProblem(post("/v1/memories", messages(1, 16_385)), 413)
        .detailContains("messages[0].content");
    assertProblem(
        post(
            "/v1/memories/search",
            "{\"query\":\"" + "q".repeat(2001) + "\",\"filters\":{\"user_id\":\"u\"}}"),
        413);
    assertProblem(post("/v1/memories", messages(1, 1_100_000)), 413);
    assertEquals(0, FakeControl.served());
  }

  @Test
  void wrongMediaTypeIsAProblem() {
    assertProblem(
        given()
            .auth()
            .oauth2(Tokens.forTenant("acme"))
            .contentType(ContentType.TEXT)
            .body("hello")
            .post("/v1/memories/search")
            .then(),
        415);
  }
}
