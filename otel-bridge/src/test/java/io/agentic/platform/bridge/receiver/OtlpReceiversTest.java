package io.agentic.platform.bridge.receiver;

import static io.agentic.platform.bridge.OtlpRequests.encoded;
import static io.agentic.platform.bridge.OtlpRequests.gzipOf;
import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.agentic.platform.bridge.OtlpRequests.oneSpanOf;
import static io.agentic.platform.bridge.OtlpRequests.spans;
import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuse.Answer;
import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real OTLP clients (the OpenTelemetry SDK's exporters, a plain gRPC stub, raw HTTP) send to the
 * running bridge, which exports to a fake Langfuse.
 */
@QuarkusTest
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class OtlpReceiversTest {

  private static final Duration DELIVERY = Duration.ofSeconds(15);

  /** The default bridge.receiver.max-body-size. */
  private static final int LIMIT = 4 * 1024 * 1024;

  private static final String LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN = "b7ad6b7169203331";

  @TestHTTPResource("/v1/traces")
  URL traces;

  @TestHTTPResource("/v1/metrics")
  URL metrics;

  @TestHTTPResource("/somewhere/else")
  URL unknownPath;

  @TestHTTPResource(value = "/metrics", management = true)
  URL prometheus;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  private static ManagedChannel channel;

  @BeforeAll
  static void openChannel() {
    channel = FakeLangfuseResource.grpcChannel();
  }

  @AfterAll
  static void closeChannel() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void resetFake() {
    fake().reset();
  }

  static FakeLangfuse fake() {
    return FakeLangfuseResource.fake();
  }

  @Test
  void spansFromTheSdkOverGrpcReachLangfuseWithBasicAuth() throws Exception {
    SpanExporter exporter =
        OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + FakeLangfuseResource.GRPC_PORT)
            .setCompression("gzip")
            .build();
    String traceId = emit(exporter, "chat claude", "kagent");

    var spans = fake().awaitSpans(s -> names(s).contains("chat claude"), DELIVERY);
    var span = spans.get(names(spans).indexOf("chat claude"));
    assertEquals(traceId, HexFormat.of().formatHex(span.getTraceId().toByteArray()));
    assertEquals(8, span.getSpanId().size());
    assertEquals(1, span.getEventsCount());
    assertEquals("gen_ai.content.prompt", span.getEvents(0).getName());
    assertEquals(
        "hello",
        attribute(span.getEvents(0).getAttributesList(), "gen_ai.prompt").getStringValue());
    assertEquals(1, span.getLinksCount());
    assertEquals(
        LINKED_TRACE, HexFormat.of().formatHex(span.getLinks(0).getTraceId().toByteArray()));
    assertEquals(LINKED_SPAN, HexFormat.of().formatHex(span.getLinks(0).getSpanId().toByteArray()));
    assertEquals(
        "tool_call", attribute(span.getLinks(0).getAttributesList(), "link.kind").getStringValue());
    assertEquals(
        "claude-sonnet-4",
        attribute(span.getAttributesList(), "gen_ai.request.model").getStringValue());
    assertEquals(
        42, attribute(span.getAttributesList(), "gen_ai.usage.input_tokens").getIntValue());
    FakeLangfuse.Received request = fake().accepted().get(0);
    assertEquals(FakeLangfuse.TRACES_PATH, request.path());
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (FakeLangfuseResource.PUBLIC_KEY + ":" + FakeLangfuseResource.SECRET_KEY)
                        .getBytes(StandardCharsets.UTF_8)),
        request.headers().get("Authorization"));
    assertEquals(
        "kagent",
        attribute(
                request.traces().getResourceSpans(0).getResource().getAttributesList(),
                "service.name")
            .getStringValue());
    var scope = request.traces().getResourceSpans(0).getScopeSpans(0).getScope();
    assertEquals("test", scope.getName());
    assertEquals("1.2.3", scope.getVersion());
  }

  @Test
  void spansArriveInBatchesOfTheConfiguredSize() throws Exception {
    TraceServiceGrpc.newBlockingStub(channel).export(spans("n", 1100));
    fake().awaitSpans(s -> s.size() == 1100, DELIVERY);
    List<Integer> sizes = fake().accepted().stream().map(r -> r.spans().size()).toList();
    assertEquals(List.of(512, 512, 76), sizes, "send-batch-max-size 512, the rest on timeout");
    assertEquals(
        names(spans("n", 1100)).stream().sorted().toList(),
        names(fake().acceptedSpans()).stream().sorted().toList(),
        "each span once");
  }

  @Test
  void spansFromTheSdkOverHttpProtobufReachLangfuse() throws Exception {
    SpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(traces.toString())
            .setCompression("gzip")
            .build();
    emit(exporter, "invoke_agent planner", "agent");
    fake().awaitSpans(s -> names(s).contains("invoke_agent planner"), DELIVERY);
  }

  @Test
  void otlpJsonIsAcceptedAndAnsweredInJson() throws Exception {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"py"}}]},
         "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
          "spanId":"eee19b7ec3c1b174","name":"json span","kind":2,
          "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000"}]}]}]}
        """;
    given()
        .contentType("application/json")
        .body(json)
        .post(traces)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body(equalTo("{}"));
    var spans = fake().awaitSpans(s -> names(s).contains("json span"), DELIVERY);
    assertEquals(
        "5b8efff798038103d269b633813fc60c",
        HexFormat.of().formatHex(spans.get(0).getTraceId().toByteArray()));
  }

  @Test
  void gzippedProtobufIsAcceptedAndAnsweredInProtobuf() throws Exception {
    byte[] response =
        given()
            .contentType("application/x-protobuf")
            .header("Content-Encoding", "gzip")
            .body(gzip(spans("gz", 3).toByteArray()))
            .post(traces)
            .then()
            .statusCode(200)
            .contentType("application/x-protobuf")
            .extract()
            .asByteArray();
    assertEquals(
        ExportTraceServiceResponse.getDefaultInstance(),
        ExportTraceServiceResponse.parseFrom(response));
    fake().awaitSpans(s -> names(s).containsAll(List.of("gz_0", "gz_1", "gz_2")), DELIVERY);
  }

  @Test
  void aBatchTheDestinationFindsTooLargeArrivesInSmallerRequests() throws Exception {
    fake().answer(request -> request.spans().size() > 2 ? Answer.json(413, "") : Answer.ok());
    TraceServiceGrpc.newBlockingStub(channel).export(spans("big", 5));
    var spans = fake().awaitSpans(s -> s.size() == 5, DELIVERY);
    assertEquals(
        names(spans("big", 5)).stream().sorted().toList(), names(spans).stream().sorted().toList());
  }

  @Test
  void malformedRequestsAreRefusedWithAStatus() {
    given()
        .contentType("text/plain")
        .body("hello")
        .post(traces)
        .then()
        .statusCode(415)
        .body("code", equalTo(3))
        .body("message", containsString("application/x-protobuf"));
    given()
        .contentType("application/json")
        .body("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"nothex\"}]}]}]}")
        .post(traces)
        .then()
        .statusCode(400)
        .body("code", equalTo(3))
        .body("message", containsString("traceId"));
    given()
        .contentType("application/x-protobuf")
        .body(new byte[] {(byte) 0xff, 0x01, 0x02})
        .post(traces)
        .then()
        .statusCode(400)
        .contentType("application/x-protobuf");
    given()
        .contentType("application/json")
        .header("Content-Encoding", "br")
        .body("{}")
        .post(traces)
        .then()
        .statusCode(415);
    given().get(traces).then().statusCode(405).header("Allow", "POST");
    assertProblem(given().get(unknownPath).then(), 404).detailContains("/v1/traces");
  }

  @Test
  void gzipBodiesThatInflatePastTheLimitAre413WithAStatus() throws Exception {
    // About 64 KB inflating to 63 MiB, and about 100 KB inflating to 100 MiB.
    for (long inflated : new long[] {63L << 20, 100L << 20}) {
      assertTooLarge(
          given()
              .contentType("application/x-protobuf")
              .header("Content-Encoding", "gzip")
              .body(gzipOf(inflated, (byte) 0))
              .post(traces)
              .then());
    }
    assertStillServing();
  }

  @Test
  void aChunkedBodyOverTheLimitIs413WithAStatus() throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(traces.toURI())
                    .header("Content-Type", "application/x-protobuf")
                    // A body of unknown length goes out chunked.
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(new byte[LIMIT + 1024])))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(413, response.statusCode());
    assertTooLargeStatus(com.google.rpc.Status.parseFrom(response.body()));
    assertStillServing();
  }

  @Test
  @DisabledOnIntegrationTest("reads this JVM's configuration, not the packaged bridge's")
  void theGrpcLimitIsTheDefaultBodyLimit() {
    assertEquals(
        LIMIT,
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("quarkus.grpc.server.max-inbound-message-size", Integer.class)
            .intValue());
  }

  @Test
  void aValidMessageOverTheLimitIs413OverHttpAndResourceExhaustedOverGrpc() throws Exception {
    ExportTraceServiceRequest large = oneSpanOf(LIMIT + 1024);
    assertTooLarge(
        given()
            .contentType("application/x-protobuf")
            .body(large.toByteArray())
            .post(traces)
            .then());
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> TraceServiceGrpc.newBlockingStub(channel).export(large));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
    assertTrue(
        refused.getStatus().getDescription().contains("exceeds maximum size"),
        refused.getStatus().toString());
    assertStillServing();
  }

  @Test
  void aMalformedGrpcMessageIsInvalidArgumentWithTheReason() throws InterruptedException {
    StatusRuntimeException refused = exportRaw(new byte[] {(byte) 0xff, 0x01, 0x02});
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    assertTrue(
        refused.getStatus().getDescription().contains("not an OTLP export request"),
        refused.getStatus().toString());
    assertStillServing();
  }

  @Test
  void aRequestWithOneMalformedSpanIsRefusedWhole() throws InterruptedException {
    // Well-formed down to the scope; its second span's name is not UTF-8. Carried on, it would make
    // the destination refuse the whole batch it travelled in, other senders' spans included.
    byte[] request =
        encoded(spans("good", 1)).toBuilder()
            .setResources(
                0,
                encoded(spans("good", 1)).getResources(0).toBuilder()
                    .setScopes(
                        0,
                        encoded(spans("good", 1)).getResources(0).getScopes(0).toBuilder()
                            .addItems(
                                ByteString.copyFrom(new byte[] {0x2a, 0x02, (byte) 0xc3, 0x28}))))
            .build()
            .toByteArray();
    StatusRuntimeException refused = exportRaw(request);
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    String reason = refused.getStatus().getDescription();
    assertTrue(reason.contains("resource 1, scope 1, Span 2"), reason);
    assertTrue(reason.contains("Span.name is not valid UTF-8"), reason);
    assertStillServing();
  }

  /** Sends {@code message} as an OTLP/gRPC trace export, as it is; returns the refusal. */
  private StatusRuntimeException exportRaw(byte[] message) {
    MethodDescriptor.Marshaller<byte[]> bytes =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            try {
              return stream.readAllBytes();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    MethodDescriptor<byte[], byte[]> export =
        TraceServiceGrpc.getExportMethod().toBuilder(bytes, bytes).build();
    return assertThrows(
        StatusRuntimeException.class,
        () -> ClientCalls.blockingUnaryCall(channel, export, CallOptions.DEFAULT, message));
  }

  private static void assertTooLarge(ValidatableResponse response)
      throws InvalidProtocolBufferException {
    byte[] body =
        response.statusCode(413).contentType("application/x-protobuf").extract().asByteArray();
    assertTooLargeStatus(com.google.rpc.Status.parseFrom(body));
  }

  private static void assertTooLargeStatus(com.google.rpc.Status status) {
    assertEquals(Code.INVALID_ARGUMENT.getNumber(), status.getCode());
    assertTrue(status.getMessage().contains("bridge.receiver.max-body-size"), status.getMessage());
  }

  /** A refused message leaves the bridge taking and exporting spans on both ports. */
  private void assertStillServing() throws InterruptedException {
    TraceServiceGrpc.newBlockingStub(channel).export(spans("grpc_after", 1));
    given()
        .contentType("application/x-protobuf")
        .body(spans("http_after", 1).toByteArray())
        .post(traces)
        .then()
        .statusCode(200);
    fake().awaitSpans(s -> s.size() == 2, DELIVERY);
  }

  @Test
  void signalsTheDestinationDoesNotTakeAreNotServed() {
    given()
        .contentType("application/json")
        .body("{}")
        .post(metrics)
        .then()
        .statusCode(404)
        .body("message", containsString("bridge.export.metrics.enabled"));
    StatusRuntimeException metricsRefused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                MetricsServiceGrpc.newBlockingStub(channel)
                    .export(ExportMetricsServiceRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNIMPLEMENTED, metricsRefused.getStatus().getCode());
    StatusRuntimeException logsRefused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                LogsServiceGrpc.newBlockingStub(channel)
                    .export(ExportLogsServiceRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNIMPLEMENTED, logsRefused.getStatus().getCode());
  }

  @Test
  void countersAndQueueGaugesAreOnTheManagementPort() throws Exception {
    TraceServiceGrpc.newBlockingStub(channel).export(spans("m", 2));
    fake().awaitSpans(s -> s.size() == 2, DELIVERY);
    String text = given().get(prometheus).then().statusCode(200).extract().asString();
    for (String series :
        List.of(
            "otel_bridge_received_items_total{signal=\"traces\",transport=\"grpc\"}",
            "otel_bridge_exported_items_total{signal=\"traces\"}",
            "otel_bridge_queue_items{signal=\"traces\"}",
            "otel_bridge_queue_capacity_items{signal=\"traces\"}",
            "otel_bridge_export_duration_seconds_count{outcome=\"success\",signal=\"traces\"}")) {
      assertTrue(text.contains(series), series + " missing from\n" + text);
    }
    given()
        .get(readiness)
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'otel-bridge queues' }.status", equalTo("UP"));
  }

  /** Emits one span through a real SDK pipeline; returns its trace id. */
  private static String emit(SpanExporter exporter, String name, String service) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    try {
      Tracer tracer = provider.tracerBuilder("test").setInstrumentationVersion("1.2.3").build();
      Span span =
          tracer
              .spanBuilder(name)
              .addLink(
                  SpanContext.create(
                      LINKED_TRACE, LINKED_SPAN, TraceFlags.getSampled(), TraceState.getDefault()),
                  Attributes.of(AttributeKey.stringKey("link.kind"), "tool_call"))
              .startSpan();
      span.addEvent(
          "gen_ai.content.prompt", Attributes.of(AttributeKey.stringKey("gen_ai.prompt"), "hello"));
      span.setAttribute("gen_ai.request.model", "claude-sonnet-4");
      span.setAttribute("gen_ai.usage.input_tokens", 42L);
      span.end();
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "export failed");
      return span.getSpanContext().getTraceId();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static AnyValue attribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(a -> a.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " missing"))
        .getValue();
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }
}
