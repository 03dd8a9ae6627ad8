package io.agentic.platform.router.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a trusted proxy (loopback here) its X-Forwarded-* are kept; cookies pass when enabled. */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(TrustedProxyTest.Trusted.class)
class TrustedProxyTest {

  public static class Trusted implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "router.trusted-proxies", "10.0.0.0/8,127.0.0.0/8,::1/128",
          "router.forward-cookies", "true");
    }
  }

  @Test
  void aTrustedProxysForwardingHeadersAreKeptAndAppendedTo() {
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "platform.example")
        .get("/x")
        .then()
        .statusCode(200)
        .body("headers.x-forwarded-for", equalTo("203.0.113.9, 127.0.0.1"))
        .body("headers.x-forwarded-proto", equalTo("https"))
        .body("headers.x-forwarded-host", equalTo("platform.example"));
  }

  @Test
  void cookiesPassBothWaysWhenEnabled() {
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .header("Cookie", "session=mine")
        .get("/x")
        .then()
        .statusCode(200)
        .body("headers.cookie", equalTo("session=mine"));
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .get("/set-cookie")
        .then()
        .statusCode(200)
        .header("Set-Cookie", equalTo("session=sandbox-a; Path=/"));
  }
}
