package io.agentic.platform.testsupport;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The checks every service with a management interface passes: health and metrics there, and not on
 * the main port, where only the service's own traffic belongs. A module's {@code
 * ManagementEndpointsTest} extends this class with its {@code @QuarkusTest} annotations and test
 * resources; its {@code PackagedApplicationIT} extends that test with
 * {@code @QuarkusIntegrationTest}, so the same checks run against the packaged jar.
 */
public abstract class ManagementEndpointChecks {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  @TestHTTPResource(value = "/health/live", management = true)
  URL liveness;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @TestHTTPResource("/q/health/ready")
  URL readinessOnMainPort;

  @Test
  void readinessAndLivenessAreUpOnManagementPort() {
    HealthAndMetrics.assertUp(readiness.toString());
    HealthAndMetrics.assertUp(liveness.toString());
  }

  @Test
  void prometheusMetricsAreServedOnManagementPort() {
    HealthAndMetrics.assertPrometheusMetrics(metrics.toString());
  }

  @Test
  void healthIsNotServedOnTheMainPort() {
    assertMainPortAnswerToHealthPath(given().get(readinessOnMainPort).then());
  }

  /**
   * Checks what the main port answers for {@code /q/health/ready}: 404 where the service serves
   * nothing else there. A service whose main port answers every path in its own way (the router
   * refuses a request that names no sandbox) overrides this with that answer.
   */
  protected void assertMainPortAnswerToHealthPath(ValidatableResponse answer) {
    answer.statusCode(404);
  }
}
