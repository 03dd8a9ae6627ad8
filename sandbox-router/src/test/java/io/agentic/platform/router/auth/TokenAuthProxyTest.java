package io.agentic.platform.router.auth;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agentic.platform.router.proxy.SandboxBackends;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(TokenAuthProxyTest.StaticToken.class)
class TokenAuthProxyTest {

  static final String TOKEN = "s3cr3t-router-token-for-tests";

  public static class StaticToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("router.auth.mode", "token", "router.auth.token", TOKEN);
    }
  }

  private static RequestSpecification toEcho() {
    return given().header("X-Sandbox-ID", "echo").header("X-Sandbox-Namespace", "team-a");
  }

  @Test
  void aRequestWithoutATokenIsUnauthenticated() {
    assertProblem(toEcho().get("/anything").then(), 401).detailContains("X-Sandbox-Token");
  }

  @Test
  void aWrongTokenIsUnauthenticated() {
    toEcho().header("Authorization", "Bearer " + TOKEN + "x").get("/x").then().statusCode(401);
    toEcho().header("X-Sandbox-Token", TOKEN.substring(1)).get("/x").then().statusCode(401);
  }

  @Test
  void theBearerTokenPassesAndIsNotForwardedToTheSandbox() {
    toEcho()
        .header("Authorization", "Bearer " + TOKEN)
        .get("/x")
        .then()
        .statusCode(200)
        .body("headers.authorization", nullValue());
  }

  @Test
  void withXSandboxTokenTheCallersOwnAuthorizationReachesTheSandbox() {
    toEcho()
        .header("X-Sandbox-Token", TOKEN)
        .header("Authorization", "Bearer for-the-sandbox")
        .get("/x")
        .then()
        .statusCode(200)
        .body("headers.authorization", equalTo("Bearer for-the-sandbox"))
        .body("headers.x-sandbox-token", nullValue());
  }
}
