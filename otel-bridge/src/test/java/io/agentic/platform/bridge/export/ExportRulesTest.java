package io.agentic.platform.bridge.export;

import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.agentic.platform.bridge.OtlpRequests.spans;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuse.Answer;
import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.ManagedChannel;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP export rules end to end: a sender's spans go through the running bridge to a fake
 * Langfuse that answers 503 with Retry-After, 400 or a partial success.
 */
@QuarkusTest
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class ExportRulesTest {

  private static final Duration DELIVERY = Duration.ofSeconds(15);

  private static ManagedChannel channel;

  @TestHTTPResource(value = "/metrics", management = true)
  URL prometheus;

  @BeforeAll
  static void openChannel() {
    channel = FakeLangfuseResource.grpcChannel();
  }

  @AfterAll
  static void closeChannel() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /**
   * Starts from an idle bridge: the fake records a request before answering it, so the previous
   * test's last export may still be counted after it saw its spans.
   */
  @BeforeEach
  void resetFakeOnceIdle() {
    await().atMost(DELIVERY).until(() -> metric("otel_bridge_queue_items{signal=\"traces\"}") == 0);
    fake().reset();
  }

  private static FakeLangfuse fake() {
    return FakeLangfuseResource.fake();
  }

  @Test
  void a503WithRetryAfterIsRetriedThenDeliveredOnceWithoutLossOrDuplicates() throws Exception {
    fake()
        .answer(
            request ->
                fake().attempts().size() == 1
                    ? Answer.json(503, "{\"message\":\"busy\"}").header("Retry-After", "1")
                    : Answer.ok());
    double retriedBefore = metric("otel_bridge_retried_items_total{signal=\"traces\"}");
    long start = System.nanoTime();
    TraceServiceGrpc.newBlockingStub(channel).export(spans("r", 3));
    fake().awaitSpans(s -> s.size() == 3, DELIVERY);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(millis >= 1000, "delivered after " + millis + " ms, before Retry-After passed");
    assertEquals(List.of("r0", "r1", "r2"), names(fake().acceptedSpans()));
    assertEquals(2, fake().attempts().size(), "one failure, one success");
    assertEquals(retriedBefore + 3, metric("otel_bridge_retried_items_total{signal=\"traces\"}"));
  }

  @Test
  void a400IsNotRetriedButDroppedAndCounted() throws Exception {
    fake().answer(request -> Answer.json(400, "{\"message\":\"bad span\"}"));
    String dropped = "otel_bridge_dropped_items_total{reason=\"non_retryable\",signal=\"traces\"}";
    double before = metric(dropped);
    TraceServiceGrpc.newBlockingStub(channel).export(spans("bad", 2));
    await().atMost(DELIVERY).until(() -> metric(dropped) == before + 2);
    assertEquals(1, fake().attempts().size(), "never retried");
    assertTrue(fake().accepted().isEmpty());
  }

  @Test
  void aPartialSuccessIsCountedAndNotRetried() throws Exception {
    byte[] partial =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(1)
                    .setErrorMessage("1 span without a name"))
            .build()
            .toByteArray();
    fake().answer(request -> Answer.protobuf(200, partial));
    String dropped =
        "otel_bridge_dropped_items_total{reason=\"partial_success\",signal=\"traces\"}";
    String exported = "otel_bridge_exported_items_total{signal=\"traces\"}";
    double droppedBefore = metric(dropped);
    double exportedBefore = metric(exported);
    TraceServiceGrpc.newBlockingStub(channel).export(spans("p", 3));
    await().atMost(DELIVERY).until(() -> metric(dropped) == droppedBefore + 1);
    assertEquals(exportedBefore + 2, metric(exported));
    assertEquals(1, fake().attempts().size(), "never retried");
  }

  /** A series' value on the management port's Prometheus page, 0 if it is not there yet. */
  private double metric(String series) {
    String text = given().get(prometheus).then().statusCode(200).extract().asString();
    Matcher value =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }
}
