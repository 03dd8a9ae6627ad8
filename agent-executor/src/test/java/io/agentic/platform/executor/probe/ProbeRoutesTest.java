package io.agentic.platform.executor.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
    given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void smallRyeHealthEndpointsAreServedToo() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
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
    given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetricsAreServed() {
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }
}
