package io.agentic.platform.memory.evermemos;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same gateway API over the earlier EverMemOS v1 wire protocol. */
@QuarkusTest
@TestProfile(V1ApiTest.V1.class)
class V1ApiTest {

  public static class V1 implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("memory.evermemos.api", "v1");
    }
  }

  @BeforeEach
  void seed() {
    FakeControl.reset();
    post(
            "acme",
            "/v1/memories",
            """
            {"user_id":"alice","messages":[
              {"message_id":"m1","role":"user","content":"I love soccer",
               "timestamp":"2025-02-01T10:00:00Z"},
              {"message_id":"m2","role":"user","content":"ramen is my favourite",
               "timestamp":"2025-02-02T10:00:00+01:00"}]}""")
        .statusCode(200)
        .body("accepted", is(2));
  }

  private static ValidatableResponse post(String tenant, String path, String body) {
    return given()
        .auth()
        .oauth2(Tokens.forTenant(tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }

  @Test
  void storesOneMessagePerCallWithScopedSender() {
    JsonPath received = FakeControl.received();
    assertEquals("POST", received.getString("[0].method"));
    assertEquals("/api/v1/memories", received.getString("[0].path"));
    assertEquals("m1", received.getString("[0].body.message_id"));
    assertEquals("acme/alice", received.getString("[0].body.sender"));
    assertEquals("2025-02-01T10:00:00Z", received.getString("[0].body.create_time"));
    assertEquals("2025-02-02T09:00:00Z", received.getString("[1].body.create_time"));
  }

  @Test
  void searchesWithAJsonBodyOnGet() {
    post(
            "acme",
            "/v1/memories/search",
            "{\"query\":\"soccer\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(1))
        .body("memories[0].user_id", equalTo("alice"))
        .body("memories[0].content", equalTo("I love soccer"))
        .body("memories[0].score", is(1.0f));
    JsonPath received = FakeControl.received();
    assertEquals("GET", received.getString("[2].method"));
    assertEquals("/api/v1/memories/search", received.getString("[2].path"));
    assertEquals("acme/alice", received.getString("[2].body.user_id"));
    assertEquals("hybrid", received.getString("[2].body.retrieve_method"));
  }

  @Test
  void fetchesPagesWithQueryParameters() {
    post(
            "acme",
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"page\":2,\"page_size\":1,"
                + "\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(1))
        .body("total_count", is(2))
        .body("memories[0].content", equalTo("I love soccer"));
    JsonPath received = FakeControl.received();
    assertEquals("GET", received.getString("[2].method"));
    assertEquals(
        "user_id=acme%2Falice&memory_type=episodic_memory&limit=1&offset=1",
        received.getString("[2].query"));
  }

  @Test
  void anotherTenantSeesAndDeletesNothing() {
    post(
            "globex",
            "/v1/memories/search",
            "{\"query\":\"soccer\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    post(
            "globex",
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    post("globex", "/v1/memories/delete", "{\"user_id\":\"alice\"}")
        .statusCode(200)
        .body("deleted", is(0));
    post(
            "acme",
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories.content", contains("ramen is my favourite", "I love soccer"));
  }

  @Test
  void deletesWithTheDeleteMethod() {
    post("acme", "/v1/memories/delete", "{\"user_id\":\"alice\"}")
        .statusCode(200)
        .body("deleted", is(2));
    assertEquals("DELETE", FakeControl.received().getString("[2].method"));
    assertEquals("acme/alice", FakeControl.received().getString("[2].body.user_id"));
  }

  @Test
  void whatV1CannotDoIsAClearProblem() {
    assertProblem(post("acme", "/v1/memories/flush", "{\"user_id\":\"alice\"}"), 501)
        .type("https://agentic.io/problems/memory-gateway/not-supported");
    assertProblem(
            post(
                "acme",
                "/v1/memories/search",
                "{\"query\":\"soccer\",\"filters\":{\"user_id\":\"alice\",\"session_id\":\"s1\"}}"),
            400)
        .detailContains("no sessions");
    assertEquals(2, FakeControl.served());
  }
}
