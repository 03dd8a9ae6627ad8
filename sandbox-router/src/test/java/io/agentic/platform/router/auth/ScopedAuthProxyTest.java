package io.agentic.platform.router.auth;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.router.proxy.SandboxBackends;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(ScopedAuthProxyTest.Scoped.class)
class ScopedAuthProxyTest {

  static final String KEY = "scoped-key-for-tests-at-least-32-bytes";
  static final String PREVIOUS_KEY = "the-key-before-that-at-least-32-bytes";

  public static class Scoped implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "router.auth.mode", "scoped",
          "router.auth.scoped-key", KEY,
          "router.auth.scoped-key-id", "k2",
          "router.auth.scoped-previous-key", PREVIOUS_KEY,
          "router.auth.scoped-previous-key-id", "k1",
          "router.auth.scoped-max-ttl", "2h");
    }
  }

  private static String token(String namespace, String sandbox, long expiresAt, String key) {
    return token(namespace, sandbox, expiresAt, "k2", key);
  }

  private static String token(
      String namespace, String sandbox, long expiresAt, String keyId, String key) {
    return new ScopedToken(namespace, sandbox, expiresAt).mint(ScopedTokenKey.of(keyId, key));
  }

  private static long inAnHour() {
    return Instant.now().getEpochSecond() + 3600;
  }

  private static int status(String namespace, String sandbox, String token) {
    return given()
        .header("X-Sandbox-ID", sandbox)
        .header("X-Sandbox-Namespace", namespace)
        .header("Authorization", "Bearer " + token)
        .get("/x")
        .then()
        .extract()
        .statusCode();
  }

  @Test
  void aTokenForTheSandboxReachesIt() {
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .header("Authorization", "Bearer " + token("team-a", "echo", inAnHour(), KEY))
        .get("/x")
        .then()
        .statusCode(200)
        .body("headers.authorization", nullValue());
  }

  @Test
  void aTokenForAnotherSandboxOrNamespaceIsForbidden() {
    assertEquals(403, status("team-a", "echo", token("team-a", "someone-else", inAnHour(), KEY)));
    assertEquals(403, status("team-b", "other", token("team-a", "*", inAnHour(), KEY)));
    assertProblem(
            given()
                .header("X-Sandbox-ID", "other")
                .header("X-Sandbox-Namespace", "team-b")
                .header("X-Sandbox-Token", token("team-a", "other", inAnHour(), KEY))
                .get("/x")
                .then(),
            403)
        .detailContains("team-a");
  }

  @Test
  void expiredForgedAndMissingTokensAreUnauthenticated() {
    long past = Instant.now().getEpochSecond() - 1;
    assertEquals(401, status("team-a", "echo", token("team-a", "echo", past, KEY)));
    assertEquals(
        401, status("team-a", "echo", token("team-a", "echo", inAnHour(), KEY.replace('s', 'z'))));
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .get("/x")
        .then()
        .statusCode(401);
  }

  @Test
  void tokensOfThePreviousKeyAreAcceptedWhileKeysRotateAndUnknownKeysAreNot() {
    assertEquals(
        200, status("team-a", "echo", token("team-a", "echo", inAnHour(), "k1", PREVIOUS_KEY)));
    assertEquals(401, status("team-a", "echo", token("team-a", "echo", inAnHour(), "k1", KEY)));
    assertProblem(
            given()
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a")
                .header("X-Sandbox-Token", token("team-a", "echo", inAnHour(), "k0", KEY))
                .get("/x")
                .then(),
            401)
        .detailContains("key the router does not hold");
  }

  @Test
  void aTokenLivingLongerThanTheMaximumLifetimeIsAnswered401() {
    long inThreeHours = Instant.now().getEpochSecond() + 3 * 3600;
    assertProblem(
            given()
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a")
                .header("X-Sandbox-Token", token("team-a", "echo", inThreeHours, KEY))
                .get("/x")
                .then(),
            401)
        .detailContains("maximum of 7200 s");
  }

  @Test
  void withoutAValidTokenNamespacesAndPortsAreNotRevealed() {
    String forged = token("team-a", "*", inAnHour(), KEY.replace('s', 'z'));
    for (String[] target :
        new String[][] {
          {"echo", "team-a", null},
          {"echo", "team-z", null},
          {"kubernetes", "default", null},
          {"echo", "team-a", "22"},
          {"Bad_Id", "team-a", null}
        }) {
      var request =
          given().header("X-Sandbox-ID", target[0]).header("X-Sandbox-Namespace", target[1]);
      if (target[2] != null) {
        request.header("X-Sandbox-Port", target[2]);
      }
      assertProblem(request.get("/x").then(), 401).detailContains("X-Sandbox-Token");
      assertProblem(
              given()
                  .header("X-Sandbox-ID", target[0])
                  .header("X-Sandbox-Namespace", target[1])
                  .header("X-Sandbox-Token", forged)
                  .get("/x")
                  .then(),
              401)
          .detailContains("signature is not valid");
    }
  }

  @Test
  void aTokenWhoseExpiryIsBeyondALongIsAnswered401() {
    assertProblem(
            given()
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a")
                .header("Authorization", "Bearer v2.k2.team-a.echo.9999999999999999999.c2ln")
                .get("/x")
                .then(),
            401)
        .detailContains("expiry is out of range");
  }

  @Test
  void aTokenFromTheMintCommandIsAccepted() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        MintTokenCommand.run(
            new String[] {MintTokenCommand.NAME, "team-a", "*", "60"},
            Map.of(MintTokenCommand.KEY_VARIABLE, KEY, MintTokenCommand.KEY_ID_VARIABLE, "k2"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, exit);
    assertEquals(200, status("team-a", "echo", out.toString(StandardCharsets.UTF_8).strip()));
  }
}
