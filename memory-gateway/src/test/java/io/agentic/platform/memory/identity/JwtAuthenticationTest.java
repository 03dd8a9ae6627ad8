package io.agentic.platform.memory.identity;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.FakeIssuer;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant comes only from a token the issuer signed for the gateway's audience. */
@QuarkusTest
class JwtAuthenticationTest {

  private static final String SEARCH =
      "{\"query\":\"anything\",\"filters\":{\"user_id\":\"alice\"}}";

  @BeforeEach
  void reset() {
    FakeControl.reset();
  }

  private static RequestSpecification json() {
    return given().contentType(ContentType.JSON).body(SEARCH);
  }

  private static ValidatableResponse searchWith(String token) {
    return json().auth().oauth2(token).post("/v1/memories/search").then();
  }

  private static void refused(ValidatableResponse response, String detail) {
    assertProblem(response.header("WWW-Authenticate", "Bearer"), 401)
        .type("https://agentic.io/problems/memory-gateway/unauthenticated")
        .detailContains(detail);
  }

  @Test
  void aValidTokenIsAccepted() {
    searchWith(Tokens.forTenant("acme")).statusCode(200);
  }

  @Test
  void noTokenIsRefused() {
    refused(json().post("/v1/memories/search").then(), "bearer token is required");
  }

  @Test
  void theDevelopmentHeaderIsIgnoredInJwtMode() {
    refused(
        json().header("X-Tenant-ID", "acme").post("/v1/memories/search").then(),
        "bearer token is required");
  }

  @Test
  void anExpiredTokenIsRefused() {
    refused(
        searchWith(
            Tokens.sign(
                Tokens.claims()
                    .claim("tenant", "acme")
                    .issuedAt(Instant.now().minusSeconds(3600))
                    .expiresAt(Instant.now().minusSeconds(600)))),
        "not valid");
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    refused(
        searchWith(Tokens.sign(Tokens.claims().audience("billing").claim("tenant", "acme"))),
        "not valid");
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    refused(
        searchWith(
            Tokens.sign(
                Jwt.issuer("https://evil.example/realms/agents")
                    .audience("agent-gateway")
                    .subject("agent-7")
                    .claim("tenant", "acme")
                    .expiresIn(300))),
        "not valid");
  }

  @Test
  void aTokenWithAForeignSignatureIsRefused() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var forger = generator.generateKeyPair().getPrivate();
    String forged =
        Tokens.claims().claim("tenant", "acme").jws().keyId(FakeIssuer.KEY_ID).sign(forger);
    refused(searchWith(forged), "not valid");
  }

  @Test
  void aForgedTokenIsRefusedWhileAGenuineOneWithTheSameClaimsIsRemembered() throws Exception {
    Instant expiry = Instant.now().plusSeconds(300);
    String genuine = Tokens.sign(Tokens.claims().claim("tenant", "acme").expiresAt(expiry));
    searchWith(genuine).statusCode(200);
    searchWith(genuine).statusCode(200);

    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String forged =
        Tokens.claims()
            .claim("tenant", "acme")
            .expiresAt(expiry)
            .jws()
            .keyId(FakeIssuer.KEY_ID)
            .sign(generator.generateKeyPair().getPrivate());
    String[] genuineParts = genuine.split("\\.");
    String[] forgedParts = forged.split("\\.");
    refused(searchWith(forged), "not valid");
    refused(
        searchWith(genuineParts[0] + "." + genuineParts[1] + "." + forgedParts[2]), "not valid");
    searchWith(genuine).statusCode(200);
  }

  @Test
  void aTamperedTokenIsRefused() {
    String valid = Tokens.forTenant("acme");
    searchWith(valid).statusCode(200);
    String[] parts = valid.split("\\.");
    String otherPayload = Tokens.forTenant("globex").split("\\.")[1];
    refused(searchWith(parts[0] + "." + otherPayload + "." + parts[2]), "not valid");
    refused(searchWith("not-a-jwt"), "not valid");
  }

  @Test
  void aTokenWithoutTenantIsRefused() {
    refused(searchWith(Tokens.sign(Tokens.claims())), "no tenant claim");
    refused(searchWith(Tokens.sign(Tokens.claims().claim("tenant", ""))), "no tenant claim");
  }

  @Test
  void aTokenWithAMalformedTenantIsRefused() {
    refused(searchWith(Tokens.forTenant("acme/alice")), "not a valid tenant id");
    refused(searchWith(Tokens.sign(Tokens.claims().claim("tenant", 42))), "no tenant claim");
  }

  @Test
  void refusedCallsNeverReachEverMemOs() {
    json().post("/v1/memories/search").then().statusCode(401);
    searchWith(Tokens.sign(Tokens.claims())).statusCode(401);
    assertEquals(0, FakeControl.served());
  }
}
