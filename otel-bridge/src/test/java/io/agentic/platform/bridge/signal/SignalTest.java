package io.agentic.platform.bridge.signal;

import static io.agentic.platform.bridge.OtlpRequests.encoded;
import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.agentic.platform.bridge.OtlpRequests.spans;
import static io.agentic.platform.bridge.OtlpRequests.traces;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.StringReader;
import java.util.ArrayList;
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
  void logsAreCutByRecordAcrossScopesAndResources() throws InvalidProtocolBufferException {
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
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(first)
            .addResourceLogs(second)
            .build();
    List<EncodedResource> entries = Signal.LOGS.entries(encoded(request));
    List<List<EncodedResource>> chunks = Signal.LOGS.chunks(entries, 3);
    assertEquals(2, chunks.size());
    assertEquals(3, Signal.LOGS.count(chunks.get(0)));
    assertEquals(List.of(first), logs(chunks.get(0)).getResourceLogsList());
    assertEquals(List.of(second), logs(chunks.get(1)).getResourceLogsList());

    Cut<EncodedResource> cut = Signal.LOGS.take(entries, 1);
    assertEquals(1, cut.head().size());
    assertEquals(
        "WARN",
        logs(cut.tail()).getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getSeverityText());
    assertEquals(3, Signal.LOGS.count(cut.tail()));
  }

  @Test
  void tracesAreCutBySpanKeepingResourceAndScopeOnBothSides() throws Exception {
    ExportTraceServiceRequest request = spans("a", 5);
    Cut<EncodedResource> cut = Signal.TRACES.take(Signal.TRACES.entries(encoded(request)), 2);
    ExportTraceServiceRequest head = traces(cut.head());
    ExportTraceServiceRequest tail = traces(cut.tail());
    assertEquals(List.of("a0", "a1"), names(head));
    assertEquals(List.of("a2", "a3", "a4"), names(tail));
    for (ExportTraceServiceRequest side : List.of(head, tail)) {
      assertEquals(
          request.getResourceSpans(0).getResource(), side.getResourceSpans(0).getResource());
      assertEquals(
          request.getResourceSpans(0).getScopeSpans(0).getScope(),
          side.getResourceSpans(0).getScopeSpans(0).getScope());
    }
  }

  @Test
  void anEncodedRequestEncodesAsTheOtlpRequestItCameFrom() throws Exception {
    ExportTraceServiceRequest request =
        spans("a", 3).toBuilder()
            .setResourceSpans(
                0,
                spans("a", 3).getResourceSpans(0).toBuilder()
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0"))
            // present but empty: its presence survives
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(Resource.getDefaultInstance())
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(InstrumentationScope.getDefaultInstance())
                            .setSchemaUrl("s")
                            .addSpans(Span.newBuilder().setName("b"))))
            // no resource, no scope
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("c"))))
            .build();
    // A field this version of OTLP does not know is carried too.
    byte[] withUnknownField =
        request.toBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        99,
                        UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFromUtf8("new"))
                            .build())
                    .build())
            .build()
            .toByteArray();

    EncodedRequest parsed = Signal.TRACES.parse(withUnknownField);
    assertEquals(5, Signal.TRACES.count(Signal.TRACES.entries(parsed)));
    assertArrayEquals(withUnknownField, parsed.toByteArray());
    assertArrayEquals(
        request.toByteArray(), Signal.TRACES.request(Signal.TRACES.entries(parsed)).toByteArray());
    assertEquals(
        request, traces(Signal.TRACES.entries(Signal.TRACES.parse(request.toByteArray()))));
  }

  @Test
  void encodedTracesMergeByResourceAndScope() throws Exception {
    ExportTraceServiceRequest a = spans("a", 2);
    ExportTraceServiceRequest b = spans("b", 1);
    ExportTraceServiceRequest otherService =
        spans("c", 1).toBuilder()
            .setResourceSpans(
                0,
                spans("c", 1).getResourceSpans(0).toBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addAttributes(
                                KeyValue.newBuilder()
                                    .setKey("service.name")
                                    .setValue(AnyValue.newBuilder().setStringValue("other")))))
            .build();
    List<EncodedResource> entries = new ArrayList<>();
    for (ExportTraceServiceRequest request : List.of(a, otherService, b)) {
      entries.addAll(Signal.TRACES.entries(encoded(request)));
    }
    ExportTraceServiceRequest merged = traces(Signal.TRACES.merge(entries));
    assertEquals(2, merged.getResourceSpansCount());
    assertEquals(1, merged.getResourceSpans(0).getScopeSpansCount());
    assertEquals(
        List.of("a0", "a1", "b0"), names(merged.toBuilder().removeResourceSpans(1).build()));
    assertEquals(otherService.getResourceSpans(0), merged.getResourceSpans(1));
  }

  @Test
  void anItemIsRefusedWhereADecoderWouldRefuseIt() throws Exception {
    byte[][] malformed = {
      {0x2a, 0x02, (byte) 0xc3, 0x28}, // name: not UTF-8
      {0x4a, 0x05, 0x0a, 0x10, 'k', 0x12, 0x00}, // an attribute whose key runs past its end
      {0x4a, 0x05, 0x12, 0x03, 0x0a, 0x01, (byte) 0xff}, // an attribute's string_value: not UTF-8
      {0x7a, 0x03, 0x1a, 0x05, 'x'}, // status.message longer than status
    };
    for (byte[] item : malformed) {
      assertThrows(InvalidProtocolBufferException.class, () -> Span.parseFrom(item));
      InvalidProtocolBufferException refused =
          assertThrows(
              InvalidProtocolBufferException.class,
              () -> Signal.TRACES.parse(withItem(ByteString.copyFrom(item))));
      assertTrue(
          refused.getMessage().startsWith("resource 1, scope 1, Span 2: "), refused.getMessage());
    }
    byte[][] wellFormed = {
      {(byte) 0x9a, 0x06, 0x03, 'n', 'e', 'w'}, // field 99, unknown to this version: carried
      {0x28, 0x02}, // name sent as a varint: decoders keep it as an unknown field
      {0x2a, 0x00}, // an empty name
    };
    for (byte[] item : wellFormed) {
      Span.parseFrom(item);
      assertEquals(
          2,
          Signal.TRACES.count(
              Signal.TRACES.entries(Signal.TRACES.parse(withItem(ByteString.copyFrom(item))))));
    }
  }

  /** A trace request whose one scope holds a well-formed span, then {@code item}. */
  private static byte[] withItem(ByteString item) {
    EncodedRequest request = encoded(spans("a", 1));
    EncodedScope scope = request.getResources(0).getScopes(0).toBuilder().addItems(item).build();
    return request.toBuilder()
        .setResources(0, request.getResources(0).toBuilder().setScopes(0, scope))
        .build()
        .toByteArray();
  }

  @Test
  void aMessageThatIsNotAnExportRequestIsRefused() {
    assertThrows(
        InvalidProtocolBufferException.class,
        () -> Signal.TRACES.parse(new byte[] {0x0a, 0x05, 0x12, 0x09, 0x01}));
    assertThrows(
        InvalidProtocolBufferException.class,
        () -> Signal.TRACES.parse(new byte[] {(byte) 0x0b, 0x00}));
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
    ExportTraceServiceRequest request =
        traces(Signal.TRACES.entries(Signal.TRACES.parseJson(new StringReader(json))));
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
    EncodedRequest logs =
        Signal.LOGS.parseJson(
            new StringReader(
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"severityNumber\":9,"
                    + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"body\":{\"stringValue\":\"hi\"}}]}]}]}"));
    assertEquals(1, Signal.LOGS.count(Signal.LOGS.entries(logs)));
    ExportMetricsServiceRequest metrics =
        Signal.METRICS.parseJson(
            new StringReader(
                "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\","
                    + "\"sum\":{\"dataPoints\":[{\"asInt\":\"3\"},{\"asDouble\":1.5}],"
                    + "\"aggregationTemporality\":2,\"isMonotonic\":true}}]}]}]}"));
    assertEquals(2, Signal.METRICS.count(metrics.getResourceMetricsList()));
  }

  private static ExportLogsServiceRequest logs(List<EncodedResource> entries)
      throws InvalidProtocolBufferException {
    return ExportLogsServiceRequest.parseFrom(Signal.LOGS.request(entries).toByteString());
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
