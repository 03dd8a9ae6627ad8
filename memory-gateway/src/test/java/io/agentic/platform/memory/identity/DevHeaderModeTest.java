package io.agentic.platform.memory.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The explicitly enabled development mode takes the tenant from X-Tenant-ID, and only from it. */
@QuarkusTest
@TestProfile(DevHeaderModeTest.DevHeaderMode.class)
class DevHeaderModeTest {

  public static class DevHeaderMode implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("memory.auth.mode", "dev-header");
    }
  }

  @BeforeEach
  void reset() {
    FakeControl.reset();
  }

  @Test
  void theHeaderNamesTheTenant() {
    given()
        .header("X-Tenant-ID", "acme")
        .contentType(ContentType.JSON)
        .body(
            """
            {"user_id":"alice","messages":[{"message_id":"m1","role":"user",
             "content":"dev mode memory","timestamp":"2025-02-01T10:00:00Z"}]}""")
        .post("/v1/memories")
        .then()
        .statusCode(200);
    given()
        .header("X-Tenant-ID", "globex")
        .contentType(ContentType.JSON)
        .body("{\"query\":\"memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(200)
        .body("memories", hasSize(0));
    given()
        .header("X-Tenant-ID", "acme")
        .contentType(ContentType.JSON)
        .body("{\"query\":\"memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(200)
        .body("memories", hasSize(1));
  }

  @Test
  void withoutTheHeaderThereIsNoTenant() {
    given()
        .auth()
        .oauth2(Tokens.forTenant("acme"))
        .contentType(ContentType.JSON)
        .body("{\"query\":\"memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(401)
        .body("detail", containsString("X-Tenant-ID"));
    given()
        .header("X-Tenant-ID", "acme/alice")
        .contentType(ContentType.JSON)
        .body("{\"query\":\"memory\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(401)
        .body("detail", containsString("not a valid tenant id"));
  }
}
