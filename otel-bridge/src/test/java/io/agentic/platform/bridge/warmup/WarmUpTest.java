package io.agentic.platform.bridge.warmup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.bridge.OtlpRequests;
import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.ManagedChannel;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up rehearses the whole path, then readiness turns UP; none of its sample spans reaches
 * the destination or the bridge's own meters, and real spans flow as usual afterwards.
 */
@QuarkusTest
@TestProfile(WarmUpTest.Rehearsing.class)
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class WarmUpTest {

  public static class Rehearsing implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("bridge.warm-up.enabled", "true", "bridge.warm-up.max-duration", "10s");
    }
  }

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @Test
  void rehearsesWithoutExportingAndThenCarriesRealSpans() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> given().get(readiness).then().extract().statusCode() == 200);
    given()
        .get(readiness)
        .then()
        .body("checks.find { it.name == 'otel-bridge warm-up' }.status", equalTo("UP"));
    assertEquals(0.0, receivedSpans(), "the rehearsal's spans are not counted as received");

    FakeLangfuse fake = FakeLangfuseResource.fake();
    fake.reset();
    ManagedChannel channel = FakeLangfuseResource.grpcChannel();
    try {
      TraceServiceGrpc.newBlockingStub(channel).export(OtlpRequests.spans("real", 3));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    List<Span> spans = fake.awaitSpans(received -> received.size() >= 3, Duration.ofSeconds(15));
    assertEquals(
        List.of("real_0", "real_1", "real_2"), OtlpRequests.names(spans), "only the real spans");
    assertTrue(
        fake.accepted().stream()
            .noneMatch(
                request ->
                    request.traces().toString().contains("otel-bridge-warm-up")
                        || request.traces().toString().contains("rehearsal")),
        "nothing of the rehearsal reached the destination");
    assertEquals(3.0, receivedSpans());
  }

  private double receivedSpans() {
    return given()
        .get(metrics)
        .then()
        .extract()
        .asString()
        .lines()
        .filter(line -> line.startsWith("otel_bridge_received_items_total{"))
        .filter(line -> line.contains("signal=\"traces\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
