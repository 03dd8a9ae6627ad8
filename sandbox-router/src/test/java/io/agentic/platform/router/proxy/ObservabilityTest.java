package io.agentic.platform.router.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(ObservabilityTest.Traced.class)
class ObservabilityTest {

  /** The SDK on, spans kept in memory and handed over as soon as they end. */
  public static class Traced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false",
          "quarkus.otel.exporter.otlp.enabled", "false",
          "quarkus.otel.simple", "true");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(CapturedAccessLog.class);
    }
  }

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Inject InMemorySpanExporter spans;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @Inject CapturedAccessLog accessLog;
  @Inject ProxyMetrics proxyMetrics;

  @BeforeEach
  void resetSpans() {
    spans.reset();
  }

  @Test
  void propagatesTraceContextAndTagsTheSpanWithTheSandbox() {
    String upstreamTraceparent =
        given()
            .header("X-Sandbox-ID", "echo")
            .header("X-Sandbox-Namespace", "team-a")
            .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
            .get("/traced")
            .then()
            .statusCode(200)
            .body("headers.traceparent", startsWith("00-" + TRACE_ID + "-"))
            .body("headers.traceparent", not("00-" + TRACE_ID + "-00f067aa0ba902b7-01"))
            .extract()
            .path("headers.traceparent");

    // The sandbox continues the router's trace, below one of the router's own spans.
    String parentSpanOfSandbox = upstreamTraceparent.split("-")[2];
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              return spans.getFinishedSpanItems().stream().anyMatch(this::isServerSpan)
                  && spans.getFinishedSpanItems().stream()
                      .anyMatch(span -> span.getSpanId().equals(parentSpanOfSandbox));
            });
    SpanData server =
        spans.getFinishedSpanItems().stream().filter(this::isServerSpan).findFirst().orElseThrow();
    assertEquals(TRACE_ID, server.getTraceId());
    assertEquals("echo", server.getAttributes().get(AttributeKey.stringKey("sandbox.id")));
    assertEquals("team-a", server.getAttributes().get(AttributeKey.stringKey("sandbox.namespace")));
  }

  private boolean isServerSpan(SpanData span) {
    return span.getKind() == SpanKind.SERVER && span.getTraceId().equals(TRACE_ID);
  }

  @Test
  void writesOneAccessLineWithoutCredentials() {
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .header("Authorization", "Bearer very-secret")
        .get("/logged?token=also-secret")
        .then()
        .statusCode(200);

    // Lines of earlier tests' requests may still arrive; this request's line is the one for
    // /logged.
    await().atMost(Duration.ofSeconds(5)).until(() -> !linesFor("/logged").isEmpty());
    assertEquals(1, linesFor("/logged").size());
    JsonObject line = linesFor("/logged").get(0);
    assertEquals("INFO", line.getString("level"));
    assertEquals(AccessLog.CATEGORY, line.getString("loggerName"));
    assertEquals("GET /logged 200 proxied", line.getString("message"));
    assertNotNull(Instant.parse(line.getString("timestamp")));
    JsonObject fields = line.getJsonObject("mdc");
    assertEquals("GET", fields.getString("http.method"));
    assertEquals("/logged", fields.getString("http.path"));
    assertEquals("200", fields.getString("http.status"));
    assertEquals("echo", fields.getString("sandbox.id"));
    assertEquals("team-a", fields.getString("sandbox.namespace"));
    assertEquals(String.valueOf(SandboxBackends.backendPort), fields.getString("sandbox.port"));
    assertEquals("127.0.0.1", fields.getString("client"));
    assertEquals("proxied", fields.getString("outcome"));
    assertNotNull(fields.getString("duration_ms"));
    assertNotNull(fields.getString("bytes_in"));
    assertNotNull(fields.getString("bytes_out"));
    String everything = line.encode();
    assertFalse(everything.contains("secret"), everything);
  }

  @Test
  void writesNoAccessLinesWhileItsCategoryIsBelowInfo() {
    Logger category = Logger.getLogger(AccessLog.CATEGORY);
    Level configured = category.getLevel();
    category.setLevel(Level.WARNING);
    try {
      given()
          .header("X-Sandbox-ID", "echo")
          .header("X-Sandbox-Namespace", "team-a")
          .get("/silenced")
          .then()
          .statusCode(200);
      // Recorded (and the level consulted) by the time no request is active.
      await().atMost(Duration.ofSeconds(5)).until(() -> proxyMetrics.activeRequests() == 0);
    } finally {
      category.setLevel(configured);
    }
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .get("/heard")
        .then()
        .statusCode(200);
    // The silenced request was recorded before the later one was sent, so its line, had there
    // been one, would have been written by now.
    await().atMost(Duration.ofSeconds(5)).until(() -> !linesFor("/heard").isEmpty());
    assertTrue(linesFor("/silenced").isEmpty());
  }

  @Test
  void writesTheAccessLineOfARefusedRequestWithoutATarget() {
    given().header("X-Sandbox-ID", "Not_A_Label").get("/refused").then().statusCode(400);

    await().atMost(Duration.ofSeconds(5)).until(() -> !linesFor("/refused").isEmpty());
    JsonObject fields = linesFor("/refused").get(0).getJsonObject("mdc");
    assertEquals("400", fields.getString("http.status"));
    assertEquals("bad-header", fields.getString("outcome"));
    assertFalse(fields.containsKey("sandbox.id"), fields.encode());
  }

  private List<JsonObject> linesFor(String path) {
    return accessLog.lines().stream()
        .filter(line -> path.equals(line.getJsonObject("mdc").getString("http.path")))
        .toList();
  }

  @Test
  void countsRequestsByMethodAndStatusClassWithoutSandboxLabels() {
    given().header("X-Sandbox-ID", "echo").header("X-Sandbox-Namespace", "team-a").get("/m");
    given().header("X-Sandbox-ID", "Bad_Id").get("/m").then().statusCode(400);

    String scrape = given().get(metrics).then().statusCode(200).extract().asString();
    assertTrue(
        scrape.contains("router_requests_seconds_count{method=\"GET\",status=\"2xx\"}"), scrape);
    assertTrue(
        scrape.contains("router_requests_seconds_count{method=\"GET\",status=\"4xx\"}"), scrape);
    assertTrue(scrape.contains("router_requests_seconds_bucket{"), "latency histogram");
    assertTrue(scrape.contains("router_bytes_total{direction=\"to_caller\"}"));
    assertTrue(scrape.contains("router_requests_active "));
    assertTrue(scrape.contains("router_websockets_active "));
    assertTrue(scrape.contains("router_access_log_dropped_total "), scrape);
    for (String line : scrape.split("\n")) {
      if (line.startsWith("router_")) {
        assertFalse(line.contains("echo") || line.contains("team-a"), line);
      }
    }
  }
}
