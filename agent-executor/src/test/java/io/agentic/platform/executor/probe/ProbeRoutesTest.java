package io.agentic.platform.executor.probe;

import static io.agentic.platform.testsupport.HealthAndMetrics.assertPrometheusMetrics;
import static io.agentic.platform.testsupport.HealthAndMetrics.assertUp;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProbeRoutesTest {

  @AfterEach
  void recover() {
    SwitchableReadinessCheck.up();
  }

  @Test
  void deploymentProbePathsReportUp() {
    assertUp("/health");
    assertUp("/ready");
  }

  @Test
  void smallRyeHealthEndpointsAreServedToo() {
    assertUp("/q/health/live");
    assertUp("/q/health/ready");
  }

  @Test
  void readinessReportsDownWith503WhileLivenessStaysUp() {
    SwitchableReadinessCheck.down();

    given()
        .get("/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.name", hasItem(SwitchableReadinessCheck.NAME));
    assertUp("/health");
  }

  @Test
  void prometheusMetricsAreServed() {
    assertPrometheusMetrics("/q/metrics");
  }
}
