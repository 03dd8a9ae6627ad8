package io.agentic.platform.bridge.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalTest {

  @Test
  void metricsAreCountedAndCutByDataPointKeepingTheMetric() {
    Metric gauge =
        Metric.newBuilder()
            .setName("queue.depth")
            .setUnit("1")
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(1))
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(2))
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(3)))
            .build();
    Metric histogram =
        Metric.newBuilder()
            .setName("latency")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporalityValue(2)
                    .addDataPoints(HistogramDataPoint.newBuilder().setCount(5))
                    .addDataPoints(HistogramDataPoint.newBuilder().setCount(6)))
            .build();
    ResourceMetrics entry =
        ResourceMetrics.newBuilder()
            .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge).addMetrics(histogram))
            .build();
    assertEquals(5, Signal.METRICS.count(entry));

    Cut<ResourceMetrics> cut = Signal.METRICS.take(List.of(entry), 4);
    assertEquals(4, Signal.METRICS.count(cut.head()));
    assertEquals(1, Signal.METRICS.count(cut.tail()));
    Metric tailHistogram = cut.tail().get(0).getScopeMetrics(0).getMetrics(0);
    assertEquals("latency", tailHistogram.getName());
    assertEquals(2, tailHistogram.getHistogram().getAggregationTemporalityValue());
    assertEquals(6, tailHistogram.getHistogram().getDataPoints(0).getCount());
  }

  @Test
  void logsAreCutByRecordAcrossScopesAndResources() {
    ResourceLogs first =
        ResourceLogs.newBuilder()
            .addScopeLogs(
                ScopeLogs.newBuilder()
                    .addLogRecords(LogRecord.newBuilder().setSeverityText("INFO"))
                    .addLogRecords(LogRecord.newBuilder().setSeverityText("WARN")))
            .addScopeLogs(
                ScopeLogs.newBuilder()
                    .addLogRecords(LogRecord.newBuilder().setSeverityText("ERROR")))
            .build();
    ResourceLogs second =
        ResourceLogs.newBuilder()
            .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance()))
            .build();
    List<List<ResourceLogs>> chunks = Signal.LOGS.chunks(List.of(first, second), 3);
    assertEquals(2, chunks.size());
    assertEquals(3, Signal.LOGS.count(chunks.get(0)));
    assertEquals(List.of(first), chunks.get(0));
    assertEquals(List.of(second), chunks.get(1));

    Cut<ResourceLogs> cut = Signal.LOGS.take(List.of(first, second), 1);
    assertEquals(1, cut.head().size());
    assertEquals("WARN", cut.tail().get(0).getScopeLogs(0).getLogRecords(0).getSeverityText());
    assertEquals(3, Signal.LOGS.count(cut.tail()));
  }

  @Test
  void otlpJsonIdsAreHexAndEnumsIntegers() throws InvalidProtocolBufferException {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name",
          "value":{"stringValue":"kagent"}}]},
          "scopeSpans":[{"scope":{"name":"s"},"spans":[{
            "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
            "parentSpanId":"eee19b7ec3c1b173","name":"chat","kind":3,
            "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
            "attributes":[{"key":"gen_ai.usage.input_tokens","value":{"intValue":"42"}}],
            "links":[{"traceId":"5b8efff798038103d269b633813fc60d","spanId":"eee19b7ec3c1b175"}],
            "unknownField":true}]}]}]}
        """;
    ExportTraceServiceRequest request = Signal.TRACES.parseJson(new StringReader(json));
    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals("5b8efff798038103d269b633813fc60c", hex(span.getTraceId()));
    assertEquals("eee19b7ec3c1b174", hex(span.getSpanId()));
    assertEquals("eee19b7ec3c1b173", hex(span.getParentSpanId()));
    assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, span.getKind());
    assertEquals(1544712661000000000L, span.getEndTimeUnixNano());
    assertEquals(42, span.getAttributes(0).getValue().getIntValue());
    assertEquals("eee19b7ec3c1b175", hex(span.getLinks(0).getSpanId()));
  }

  @Test
  void badJsonIsRefused() {
    assertThrows(
        InvalidProtocolBufferException.class, () -> Signal.TRACES.parseJson(new StringReader("{")));
    assertThrows(
        InvalidProtocolBufferException.class,
        () ->
            Signal.TRACES.parseJson(
                new StringReader(
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}")));
    assertThrows(
        InvalidProtocolBufferException.class,
        () -> Signal.TRACES.parseJson(new StringReader("{\"resourceSpans\":\"not a list\"}")));
  }

  @Test
  void logAndMetricJsonParseToo() throws InvalidProtocolBufferException {
    ExportLogsServiceRequest logs =
        Signal.LOGS.parseJson(
            new StringReader(
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"severityNumber\":9,"
                    + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"body\":{\"stringValue\":\"hi\"}}]}]}]}"));
    assertEquals(1, Signal.LOGS.count(logs.getResourceLogsList()));
    ExportMetricsServiceRequest metrics =
        Signal.METRICS.parseJson(
            new StringReader(
                "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\","
                    + "\"sum\":{\"dataPoints\":[{\"asInt\":\"3\"},{\"asDouble\":1.5}],"
                    + "\"aggregationTemporality\":2,\"isMonotonic\":true}}]}]}]}"));
    assertEquals(2, Signal.METRICS.count(metrics.getResourceMetricsList()));
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
