package io.agentic.platform.bridge.receiver;

import static io.agentic.platform.bridge.OtlpRequests.oneSpanOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With metrics and logs turned on, the SDK's metric and log exporters reach the destination through
 * the bridge; and with a 1 MiB message limit, larger messages are refused on both ports.
 */
@QuarkusTest
@TestProfile(AllSignalsTest.AllSignalsSmallMessages.class)
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class AllSignalsTest {

  private static final Duration DELIVERY = Duration.ofSeconds(15);
  private static final int LIMIT = 1024 * 1024;

  public static class AllSignalsSmallMessages implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "bridge.export.metrics.enabled", "true",
          "bridge.export.logs.enabled", "true",
          "bridge.receiver.max-body-size", Integer.toString(LIMIT));
    }
  }

  @TestHTTPResource("/v1/logs")
  URL logs;

  @TestHTTPResource("/v1/traces")
  URL traces;

  private static FakeLangfuse fake() {
    return FakeLangfuseResource.fake();
  }

  @Test
  void metricsFromTheSdkOverGrpcReachTheMetricsPath() throws Exception {
    fake().reset();
    var exporter =
        OtlpGrpcMetricExporter.builder()
            .setEndpoint("http://127.0.0.1:" + FakeLangfuseResource.GRPC_PORT)
            .build();
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(PeriodicMetricReader.builder(exporter).build())
            .build();
    try {
      provider
          .get("agent")
          .counterBuilder("gen_ai.client.token.usage")
          .build()
          .add(42, Attributes.of(AttributeKey.stringKey("gen_ai.token.type"), "input"));
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "export failed");
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    FakeLangfuse.Received request = awaitPath("/api/public/otel/v1/metrics");
    var metric =
        ExportMetricsServiceRequest.parseFrom(request.body())
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0);
    assertEquals("gen_ai.client.token.usage", metric.getName());
    assertEquals(42, metric.getSum().getDataPoints(0).getAsInt());
  }

  @Test
  void logsFromTheSdkOverHttpReachTheLogsPath() throws Exception {
    fake().reset();
    var exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(logs.toString()).build();
    SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build();
    try {
      provider.get("agent").logRecordBuilder().setBody("tool call finished").emit();
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "export failed");
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    FakeLangfuse.Received request = awaitPath("/api/public/otel/v1/logs");
    var record =
        ExportLogsServiceRequest.parseFrom(request.body())
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0);
    assertEquals("tool call finished", record.getBody().getStringValue());
  }

  @Test
  void messagesOverTheLimitAreResourceExhaustedOverGrpcAnd413OverHttp() throws Exception {
    ExportTraceServiceRequest large = oneSpanOf(LIMIT + 1024);
    ManagedChannel channel = FakeLangfuseResource.grpcChannel();
    try {
      StatusRuntimeException refused =
          assertThrows(
              StatusRuntimeException.class,
              () -> TraceServiceGrpc.newBlockingStub(channel).export(large));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
      // The server stays healthy: a message under the limit is taken on the same channel.
      TraceServiceGrpc.newBlockingStub(channel).export(oneSpanOf(LIMIT / 2));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    given()
        .contentType("application/x-protobuf")
        .body(large.toByteArray())
        .post(traces)
        .then()
        .statusCode(413);
  }

  private static FakeLangfuse.Received awaitPath(String path) {
    return await()
        .atMost(DELIVERY)
        .until(
            () ->
                fake().accepted().stream()
                    .filter(r -> r.path().equals(path))
                    .findFirst()
                    .orElse(null),
            r -> r != null);
  }
}
