package io.agentic.platform.router.auth;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void withoutAValidTokenEveryTargetGetsTheSame401() {
    String expected = toEcho().get("/anything").then().statusCode(401).extract().asString();
    String[][] targets = {
      {"echo", "team-z", null},
      {"kubernetes", "default", null},
      {"echo", "team-a", "22"},
      {"Bad_Id", "team-a", null},
      {"echo", "team-a", "not-a-port"},
    };
    for (String[] target : targets) {
      RequestSpecification request =
          given().header("X-Sandbox-ID", target[0]).header("X-Sandbox-Namespace", target[1]);
      if (target[2] != null) {
        request.header("X-Sandbox-Port", target[2]);
      }
      assertEquals(expected, request.get("/x").then().statusCode(401).extract().asString());
      String wrong =
          given()
              .header("X-Sandbox-ID", target[0])
              .header("X-Sandbox-Namespace", target[1])
              .header("Authorization", "Bearer wrong")
              .get("/x")
              .then()
              .extract()
              .asString();
      assertProblem(
              given()
                  .header("X-Sandbox-ID", target[0])
                  .header("X-Sandbox-Namespace", target[1])
                  .header("Authorization", "Bearer wrong")
                  .get("/x")
                  .then(),
              401)
          .detailContains("not valid");
      assertEquals(
          wrong,
          toEcho().header("Authorization", "Bearer wrong").get("/x").then().extract().asString());
    }
    assertEquals(
        expected, given().get("/no-routing-headers").then().statusCode(401).extract().asString());
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
