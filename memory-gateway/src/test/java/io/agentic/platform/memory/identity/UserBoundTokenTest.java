package io.agentic.platform.memory.identity;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * With a user claim configured, a token carrying it acts for that end user only: it cannot name
 * another user nor a group, and it stays confined to its tenant. Tokens without the claim act for
 * the whole tenant as before.
 */
@QuarkusTest
@TestProfile(UserBoundTokenTest.UserClaim.class)
class UserBoundTokenTest {

  public static class UserClaim implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("memory.auth.user-claim", "end_user");
    }
  }

  private static final String FORBIDDEN = "https://agentic.io/problems/memory-gateway/forbidden";

  private static String tenantToken(String tenant) {
    return Tokens.forTenant(tenant);
  }

  private static String userToken(String tenant, Object user) {
    return Tokens.sign(Tokens.claims().claim("tenant", tenant).claim("end_user", user));
  }

  private static ValidatableResponse call(String token, String path, String body) {
    return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path).then();
  }

  private static String store(String user, String id) {
    return "{\"user_id\":\""
        + user
        + "\",\"messages\":[{\"message_id\":\""
        + id
        + "\",\"sender_id\":\""
        + user
        + "\",\"role\":\"user\",\"content\":\"secret of "
        + user
        + "\",\"timestamp\":\"2025-02-01T10:00:00Z\"}]}";
  }

  @BeforeEach
  void seed() {
    FakeControl.reset();
    call(tenantToken("acme"), "/v1/memories", store("alice", "m1")).statusCode(200);
    call(tenantToken("acme"), "/v1/memories", store("bob", "m2")).statusCode(200);
  }

  @Test
  void aBoundTokenReadsItsOwnUserWithoutNamingIt() {
    call(userToken("acme", "alice"), "/v1/memories/search", "{\"query\":\"secret\"}")
        .statusCode(200)
        .body("memories", hasSize(1))
        .body("memories.user_id", everyItem(equalTo("alice")));
    call(
            userToken("acme", "alice"),
            "/v1/memories/get",
            "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .statusCode(200)
        .body("memories", hasSize(1));
  }

  @Test
  void aBoundTokenCannotNameAnotherUser() {
    String alice = userToken("acme", "alice");
    int before = FakeControl.served();
    assertProblem(
            call(
                alice,
                "/v1/memories/search",
                "{\"query\":\"s\",\"filters\":{\"user_id\":\"bob\"}}"),
            403)
        .type(FORBIDDEN);
    assertProblem(
            call(
                alice,
                "/v1/memories/get",
                "{\"memory_type\":\"episodic_memory\",\"filters\":{\"user_id\":\"bob\"}}"),
            403)
        .type(FORBIDDEN);
    assertProblem(call(alice, "/v1/memories", store("bob", "m3")), 403).type(FORBIDDEN);
    assertProblem(call(alice, "/v1/memories/delete", "{\"user_id\":\"bob\"}"), 403).type(FORBIDDEN);
    assertProblem(call(alice, "/v1/memories/flush", "{\"user_id\":\"bob\"}"), 403).type(FORBIDDEN);
    assertEquals(before, FakeControl.served(), "nothing refused reaches EverMemOS");
  }

  @Test
  void aBoundTokenCannotActOnGroups() {
    String alice = userToken("acme", "alice");
    assertProblem(
            call(
                alice,
                "/v1/memories/search",
                "{\"query\":\"s\",\"filters\":{\"group_id\":\"team\"}}"),
            403)
        .type(FORBIDDEN);
    assertProblem(call(alice, "/v1/memories/delete", "{\"group_id\":\"team\"}"), 403)
        .type(FORBIDDEN);
  }

  @Test
  void aDeleteByABoundTokenRemovesOnlyItsUser() {
    call(userToken("acme", "alice"), "/v1/memories/delete", "{}").statusCode(200);
    call(
            tenantToken("acme"),
            "/v1/memories/search",
            "{\"query\":\"secret\",\"filters\":{\"user_id\":\"bob\"}}")
        .statusCode(200)
        .body("memories", hasSize(1));
  }

  @Test
  void theSameUserInAnotherTenantSeesNothing() {
    call(userToken("globex", "alice"), "/v1/memories/search", "{\"query\":\"secret\"}")
        .statusCode(200)
        .body("memories", hasSize(0));
  }

  @Test
  void anUnreadableUserClaimIs401() {
    assertProblem(call(userToken("acme", 42), "/v1/memories/search", "{\"query\":\"s\"}"), 401)
        .typeEndsWith("/unauthenticated");
    assertProblem(
            call(userToken("acme", "../bob"), "/v1/memories/search", "{\"query\":\"s\"}"), 401)
        .typeEndsWith("/unauthenticated");
  }

  @Test
  void aTokenWithoutTheClaimStillActsForTheTenant() {
    call(
            tenantToken("acme"),
            "/v1/memories/search",
            "{\"query\":\"secret\",\"filters\":{\"user_id\":\"bob\"}}")
        .statusCode(200)
        .body("memories", hasSize(1));
  }
}
