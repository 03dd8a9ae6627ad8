package io.agentic.platform.memory.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation of the gateway API against the fake EverMemOS (current API). */
@QuarkusTest
class MemoryApiTest {

  private String token;

  @BeforeEach
  void reset() {
    FakeControl.reset();
    token = Tokens.forTenant("acme");
  }

  private RequestSpecification as(String bearer) {
    return given().auth().oauth2(bearer).contentType(ContentType.JSON);
  }

  static String message(String id, String content, String timestamp) {
    return """
        {"message_id":"%s","sender_id":"alice","sender_name":"Alice","role":"user",
         "content":"%s","timestamp":"%s"}"""
        .formatted(id, content, timestamp);
  }

  static String store(String userId, String sessionId, String... messages) {
    return """
        {"user_id":"%s","session_id":"%s","messages":[%s]}"""
        .formatted(userId, sessionId, String.join(",", messages));
  }

  private void storeSample() {
    as(token)
        .body(
            store(
                "alice",
                "s1",
                message("m1", "I love playing soccer on weekends", "2025-02-01T10:00:00Z"),
                message("m2", "My favourite food is ramen", "2025-02-02T10:00:00+01:00")))
        .post("/v1/memories")
        .then()
        .statusCode(200)
        .body("accepted", is(2))
        .body("status", equalTo("accumulated"));
  }

  @Test
  void storesAndSearches() {
    storeSample();
    as(token)
        .body(
            """
            {"query":"soccer","method":"keyword","top_k":5,"filters":{"user_id":"alice"}}""")
        .post("/v1/memories/search")
        .then()
        .statusCode(200)
        .body("memories", hasSize(1))
        .body("memories[0].user_id", equalTo("alice"))
        .body("memories[0].session_id", equalTo("s1"))
        .body("memories[0].sender_ids", contains("alice"))
        .body("memories[0].memory_type", equalTo("episodic_memory"))
        .body("memories[0].content", containsString("soccer"))
        .body("memories[0].score", not(nullValue()));
  }

  @Test
  void storingTheSameMessageTwiceKeepsOneMemory() {
    storeSample();
    as(token)
        .body(
            store(
                "alice",
                "s1",
                message("m1", "I love playing soccer on weekends", "2025-02-01T10:00:00Z")))
        .post("/v1/memories")
        .then()
        .statusCode(200);
    as(token)
        .body("{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/get")
        .then()
        .statusCode(200)
        .body("total_count", is(2));
  }

  @Test
  void searchHonoursSessionAndTimeRange() {
    storeSample();
    as(token)
        .body(store("alice", "s2", message("m3", "soccer again", "2025-03-01T10:00:00Z")))
        .post("/v1/memories")
        .then()
        .statusCode(200);
    as(token)
        .body(
            """
            {"query":"soccer","filters":{"user_id":"alice","session_id":"s2"}}""")
        .post("/v1/memories/search")
        .then()
        .statusCode(200)
        .body("memories.content", contains("soccer again"));
    as(token)
        .body(
            """
            {"query":"soccer","filters":{"user_id":"alice",
             "start_time":"2025-01-01T00:00:00Z","end_time":"2025-02-15T00:00:00Z"}}""")
        .post("/v1/memories/search")
        .then()
        .statusCode(200)
        .body("memories.content", contains("I love playing soccer on weekends"));
  }

  @Test
  void getsPagesInOrder() {
    storeSample();
    as(token)
        .body(
            """
            {"memory_type":"episodic_memory","page":1,"page_size":1,"order":"asc",
             "filters":{"user_id":"alice"}}""")
        .post("/v1/memories/get")
        .then()
        .statusCode(200)
        .body("memories", hasSize(1))
        .body("memories[0].content", containsString("soccer"))
        .body("page", is(1))
        .body("page_size", is(1))
        .body("total_count", is(2));
    as(token)
        .body(
            """
            {"memory_type":"episodic_memory","page":2,"page_size":1,"order":"asc",
             "filters":{"user_id":"alice"}}""")
        .post("/v1/memories/get")
        .then()
        .statusCode(200)
        .body("memories[0].content", containsString("ramen"));
  }

  @Test
  void getsProfiles() {
    storeSample();
    as(token)
        .body("{\"memory_type\":\"profile\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/get")
        .then()
        .statusCode(200)
        .body("memories[0].memory_type", equalTo("profile"))
        .body("memories[0].user_id", equalTo("alice"))
        .body("memories[0].profile.message_count", is(2));
  }

  @Test
  void storesGroupMemories() {
    as(token)
        .body(
            """
            {"group_id":"team","messages":[%s]}"""
                .formatted(message("g1", "release on friday", "2025-02-01T10:00:00Z")))
        .post("/v1/memories")
        .then()
        .statusCode(200);
    as(token)
        .body("{\"query\":\"release\",\"filters\":{\"group_id\":\"team\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(200)
        .body("memories[0].group_id", equalTo("team"))
        .body("memories[0].sender_ids", contains("alice"));
  }

  @Test
  void deletesAUsersMemories() {
    storeSample();
    as(token)
        .body("{\"user_id\":\"alice\",\"session_id\":\"s1\"}")
        .post("/v1/memories/delete")
        .then()
        .statusCode(200)
        .body("deleted", is(2));
    as(token)
        .body("{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/get")
        .then()
        .statusCode(200)
        .body("memories", hasSize(0));
  }

  @Test
  void flushes() {
    as(token)
        .body("{\"user_id\":\"alice\",\"session_id\":\"s1\"}")
        .post("/v1/memories/flush")
        .then()
        .statusCode(200)
        .body("status", equalTo("extracted"));
    as(token).body("{\"group_id\":\"team\"}").post("/v1/memories/flush").then().statusCode(200);
    var received = FakeControl.received();
    org.junit.jupiter.api.Assertions.assertEquals(
        "/api/v1/memories/group/flush", received.getString("[1].path"));
  }
}
