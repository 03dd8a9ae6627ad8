package io.agentic.platform.memory.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.agentic.platform.memory.fake.FakeControl;
import io.agentic.platform.memory.fake.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsAndOpenApiTest {

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @TestHTTPResource(value = "/openapi", management = true)
  URL openapi;

  @Test
  void operationsAndUpstreamCallsAreMeasuredWithoutTenantLabels() {
    FakeControl.reset();
    given()
        .auth()
        .oauth2(Tokens.forTenant("acme"))
        .contentType(ContentType.JSON)
        .body("{\"query\":\"q\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body("{\"query\":\"q\",\"filters\":{\"user_id\":\"alice\"}}")
        .post("/v1/memories/search")
        .then()
        .statusCode(401);
    given()
        .get(metrics)
        .then()
        .statusCode(200)
        .body(
            containsString(
                "memory_gateway_operations_seconds_bucket{operation=\"search\",outcome=\"success\""))
        .body(
            containsString(
                "memory_gateway_operations_seconds_count{operation=\"search\",outcome=\"unauthenticated\"}"))
        .body(
            containsString(
                "memory_gateway_upstream_requests_seconds_bucket{operation=\"search\",outcome=\"success\""))
        .body(containsString("memory_gateway_upstream_breaker_open"))
        .body(not(containsString("tenant=")));
  }

  @Test
  void theApiIsDocumented() {
    given()
        .get(openapi)
        .then()
        .statusCode(200)
        .body(containsString("/v1/memories/search"))
        .body(containsString("/v1/memories/get"))
        .body(containsString("/v1/memories/delete"))
        .body(containsString("/v1/memories/flush"))
        .body(containsString("application/problem+json"));
  }
}
