package io.agentic.platform.memory.scope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant B must never see, search, fetch or delete tenant A's memories, whatever ids or filters it
 * sends. The fake EverMemOS honours filters exactly, so any scoping mistake would show here.
 */
@QuarkusTest
class TenantIsolationTest {

  private static final String A = "acme";
  private static final String B = "globex";

  @BeforeEach
  void seedTenantA() {
    FakeControl.reset();
    call(
            A,
            "/v1/memories",
            """
            {"user_id":"alice","session_id":"s1","messages":[
              {"message_id":"m1","sender_id":"alice","role":"user",
               "content":"the secret launch code is 1234","timestamp":"2025-02-01T10:00:00Z"},
              {"message_id":"m2","role":"assistant",
               "content":"noted, the secret is safe","timestamp":"2025-02-01T10:01:00Z"}]}""")
        .statusCode(200);
    call(
            A,
            "/v1/memories",
            """
            {"group_id":"team","messages":[
              {"message_id":"g1","sender_id":"alice","role":"user",
               "content":"secret roadmap for the team","timestamp":"2025-02-01T11:00:00Z"}]}""")
        .statusCode(200);
  }

  private static ValidatableResponse call(String tenant, String path, String body) {
    return given()
        .auth()
        .oauth2(Tokens.forTenant(tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then();
  }

  private static void tenantASeesEverything() {
    call(
            A,
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(2));
    call(A, "/v1/memories/search", "{\"query\":\"secret\",\"filters\":{\"group_id\":\"team\"}}")
        .statusCode(200)
        .body("memories", hasSize(1));
  }

  @Test
  void tenantACanReadItsOwnMemories() {
    tenantASeesEverything();
  }

  @Test
  void anotherTenantCannotSearchOrFetchWithTheSameIds() {
    call(B, "/v1/memories/search", "{\"query\":\"secret\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    call(
            B,
            "/v1/memories/search",
            "{\"query\":\"secret\",\"filters\":{\"user_id\":\"alice\",\"group_id\":\"team\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    call(B, "/v1/memories/search", "{\"query\":\"secret\",\"filters\":{\"group_id\":\"team\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    call(
            B,
            "/v1/memories/search",
            "{\"query\":\"secret\",\"memory_types\":[\"episodic_memory\",\"profile\"],"
                + "\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    call(
            B,
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0))
        .body("total_count", is(0));
    call(B, "/v1/memories/get", "{\"memory_type\":\"profile\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
  }

  @Test
  void anotherTenantCannotDeleteWithTheSameIds() {
    call(B, "/v1/memories/delete", "{\"user_id\":\"alice\"}").statusCode(200);
    call(B, "/v1/memories/delete", "{\"group_id\":\"team\"}").statusCode(200);
    call(
            B,
            "/v1/memories/delete",
            "{\"user_id\":\"alice\",\"session_id\":\"s1\",\"sender_id\":\"alice\"}")
        .statusCode(200);
    tenantASeesEverything();
  }

  @Test
  void forgedIdsAreRefusedBeforeReachingEverMemOs() {
    for (String forged :
        List.of("acme/alice", "__all__", "../acme/alice", "*", "", "acme%2Falice", "alice\u0000")) {
      String id = forged.replace("\u0000", "\\u0000");
      call(
              B,
              "/v1/memories/search",
              "{\"query\":\"secret\",\"filters\":{\"user_id\":\"" + id + "\"}}")
          .statusCode(400)
          .body("detail", containsString("filters.user_id"));
      call(
              B,
              "/v1/memories/get",
              "{\"memory_type\":\"episodic_memory\",\"filters\":{\"group_id\":\"" + id + "\"}}")
          .statusCode(400);
      call(B, "/v1/memories/delete", "{\"user_id\":\"" + id + "\"}").statusCode(400);
      call(B, "/v1/memories/flush", "{\"user_id\":\"" + id + "\"}").statusCode(400);
    }
    call(
            B,
            "/v1/memories/search",
            "{\"query\":\"secret\",\"filters\":{\"user_id\":\"alice\",\"session_id\":\"acme/s1\"}}")
        .statusCode(400);
    assertEquals(2, FakeControl.served(), "only tenant A's seeding calls reached EverMemOS");
  }

  @Test
  void forgedFilterDslIsRefused() {
    for (String filters :
        List.of(
            "{\"user_id\":\"alice\",\"OR\":[{\"user_id\":\"acme/alice\"}]}",
            "{\"user_id\":{\"in\":[\"alice\",\"acme/alice\"]}}",
            "{\"AND\":[{\"user_id\":\"acme/alice\"}]}",
            "{\"user_id\":[\"alice\"]}")) {
      call(B, "/v1/memories/search", "{\"query\":\"secret\",\"filters\":" + filters + "}")
          .statusCode(400);
    }
    assertEquals(2, FakeControl.served());
  }

  @Test
  void everyIdSentUpstreamCarriesTheCallersTenant() {
    call(
            B,
            "/v1/memories/search",
            "{\"query\":\"secret\",\"filters\":{\"user_id\":\"alice\",\"session_id\":\"s1\"}}")
        .statusCode(200);
    call(B, "/v1/memories/delete", "{\"user_id\":\"alice\",\"group_id\":\"team\"}").statusCode(200);
    JsonPath received = FakeControl.received();
    List<Map<String, Object>> requests = received.getList("$");
    assertEquals(4, requests.size());
    for (int i = 0; i < requests.size(); i++) {
      String tenant = i < 2 ? A : B;
      for (String path :
          List.of(
              "body.user_id",
              "body.group_id",
              "body.session_id",
              "body.filters.user_id",
              "body.filters.group_id",
              "body.filters.session_id",
              "body.sender_id")) {
        String value = received.getString("[" + i + "]." + path);
        if (value != null) {
          assertTrue(value.startsWith(tenant + "/"), path + " of request " + i + " was " + value);
        }
      }
      List<String> senders = received.getList("[" + i + "].body.messages.sender_id");
      if (senders != null) {
        senders.stream()
            .filter(s -> s != null)
            .forEach(s -> assertTrue(s.startsWith(tenant + "/"), "sender " + s));
      }
    }
  }

  @Test
  void resultsOfOtherTenantsAreDroppedEvenIfEverMemOsIgnoresTheFilter() {
    FakeControl.ignoreFilters();
    call(B, "/v1/memories/search", "{\"query\":\"secret\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    call(
            B,
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"bob\"}}")
        .statusCode(200)
        .body("memories", hasSize(0));
    call(A, "/v1/memories/search", "{\"query\":\"secret\",\"filters\":{\"user_id\":\"bob\"}}")
        .statusCode(200)
        .body(
            "memories.user_id",
            everyItem(org.hamcrest.Matchers.anyOf(is("alice"), org.hamcrest.Matchers.nullValue())))
        .body("memories.content", org.hamcrest.Matchers.hasItem(containsString("secret")));
  }

  @Test
  void similarTenantNamesDoNotShareData() {
    for (String other : List.of("acme2", "acm", "acme.", "ACME", "acme-")) {
      call(
              other,
              "/v1/memories/search",
              "{\"query\":\"secret\",\"filters\":{\"user_id\":\"alice\"}}")
          .statusCode(200)
          .body("memories", hasSize(0));
    }
    call(A, "/v1/memories/search", "{\"query\":\"launch\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories.content", contains("the secret launch code is 1234"));
  }
}
