package io.agentic.platform.executor.tenancy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A wrong NATS credential: the executor stays unready and says why, without a stack trace. */
@QuarkusTest
@TestProfile(TenantNatsServerResource.WrongPasswordProfile.class)
class WrongNatsCredentialsTest {

  @Test
  void readinessIsDownAndNamesTheAuthorizationViolation() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .get("/ready")
                    .then()
                    .statusCode(503)
                    .body(containsString("Authorization Violation"))
                    .body(org.hamcrest.Matchers.not(containsString("at io."))));
  }
}
