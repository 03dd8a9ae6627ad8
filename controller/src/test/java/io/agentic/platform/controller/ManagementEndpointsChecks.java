package io.agentic.platform.controller;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Checks of the management endpoints, shared by the in-build and the packaged-jar tests. */
abstract class ManagementEndpointsChecks {

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
    given().get(readiness).then().statusCode(200).body("status", equalTo("UP"));
    given().get(liveness).then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetricsAreServedOnManagementPort() {
    given().get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void healthIsNotServedOnTheMainPort() {
    given().get(readinessOnMainPort).then().statusCode(404);
  }
}
