package io.agentic.platform.bridge.receiver;

import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.agentic.platform.bridge.OtlpRequests.spans;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuse.Answer;
import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With a queue of four spans and a destination that keeps answering 503, the bridge pushes back on
 * senders the way OTLP clients understand, stays ready (so that senders keep getting those answers
 * rather than refused connections), reports the failing destination in its metrics, and recovers
 * once the destination does.
 */
@QuarkusTest
@TestProfile(BackpressureTest.SmallQueue.class)
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class BackpressureTest {

  public static class SmallQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "bridge.queue.max-items", "4",
          "bridge.batch.send-batch-size", "2",
          "bridge.queue.retry-after", "2s",
          "bridge.retry.initial-interval", "100ms",
          "bridge.retry.max-interval", "200ms");
    }
  }

  @TestHTTPResource("/v1/traces")
  URL traces;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  @TestHTTPResource(value = "/metrics", management = true)
  URL prometheus;

  @Test
  void aFullQueueIsRetryableBackpressureOnBothTransportsWhileTheBridgeStaysReady()
      throws Exception {
    FakeLangfuse fake = FakeLangfuseResource.fake();
    fake.answer(request -> Answer.json(503, "{\"message\":\"overloaded\"}"));
    ManagedChannel channel = FakeLangfuseResource.grpcChannel();
    try {
      var stub = TraceServiceGrpc.newBlockingStub(channel);
      stub.export(spans("a", 4));

      StatusRuntimeException refused =
          assertThrows(StatusRuntimeException.class, () -> stub.export(spans("b", 1)));
      com.google.rpc.Status status = StatusProto.fromThrowable(refused);
      assertEquals(Code.RESOURCE_EXHAUSTED.getNumber(), status.getCode());
      Any detail = status.getDetails(0);
      assertEquals(2, detail.unpack(RetryInfo.class).getRetryDelay().getSeconds());

      byte[] body =
          given()
              .contentType("application/x-protobuf")
              .body(spans("c", 1).toByteArray())
              .post(traces)
              .then()
              .statusCode(429)
              .header("Retry-After", "2")
              .extract()
              .asByteArray();
      assertEquals(
          Code.RESOURCE_EXHAUSTED.getNumber(), com.google.rpc.Status.parseFrom(body).getCode());

      given().get(readiness).then().statusCode(200);
      String metrics = given().get(prometheus).then().extract().asString();
      Matcher failing =
          Pattern.compile("otel_bridge_destination_failing_seconds\\{signal=\"traces\"} (\\S+)")
              .matcher(metrics);
      assertTrue(failing.find(), metrics);
      assertTrue(Double.parseDouble(failing.group(1)) > 0, failing.group());
      assertTrue(
          metrics.contains(
              "otel_bridge_rejected_items_total{reason=\"queue_full\",signal=\"traces\"} 2.0"),
          metrics);
      assertTrue(fake.attempts().size() >= 2, "the bridge keeps retrying");
      assertTrue(metrics.contains("otel_bridge_retried_items_total{signal=\"traces\"}"), metrics);

      fake.answer(request -> Answer.ok());
      List<String> delivered = names(fake.awaitSpans(s -> s.size() == 4, Duration.ofSeconds(10)));
      assertEquals(List.of("a0", "a1", "a2", "a3"), delivered.stream().sorted().toList());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertTrue(
                      given()
                          .get(prometheus)
                          .then()
                          .extract()
                          .asString()
                          .contains(
                              "otel_bridge_destination_failing_seconds{signal=\"traces\"} 0.0")));
      stub.export(spans("d", 1));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
