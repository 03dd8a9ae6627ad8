package io.agentic.platform.standins.langfuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.agentic.platform.standins.Http;
import io.agentic.platform.standins.StandinPorts;
import io.agentic.platform.standins.StandinsConfig;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The traces log is shared by all tests, so each test sends spans of a trace of its own and reads
 * back only that trace's lines.
 */
@QuarkusTest
@WithTestResource(value = StandinPorts.class, scope = TestResourceScope.GLOBAL)
class OtlpReceiverStandinTest {

  private static final String TRACES = OtlpReceiverStandin.PREFIX + "/v1/traces";
  private static final String PROTOBUF = "application/x-protobuf";

  @Inject StandinsConfig config;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void writesOneLinePerSpanWithGenAiAttributes() {
    byte[] traceId = traceId();
    ExportTraceServiceRequest request = twoSpans(traceId);

    HttpResponse<byte[]> response =
        Http.send(
            post(TRACES, PROTOBUF, request.toByteArray())
                .header("Authorization", "Basic cGstbGY6c2stbGY="),
            HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(PROTOBUF, response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(0, response.body().length, "an empty ExportTraceServiceResponse");
    List<JsonObject> lines = linesOf(traceId);
    assertEquals(2, lines.size(), lines.toString());
    JsonObject root = lines.get(0);
    assertEquals("agent-executor", root.getString("service"));
    assertEquals("invoke_agent demo", root.getString("name"));
    assertEquals(HexFormat.of().formatHex(traceId), root.getString("traceId"));
    assertEquals("0102030405060708", root.getString("spanId"));
    assertEquals("", root.getString("parentSpanId"));
    assertEquals("SPAN_KIND_SERVER", root.getString("kind"));
    assertEquals(1.5, root.getDouble("durationMs"));
    assertEquals("STATUS_CODE_OK", root.getString("status"));
    assertEquals(new JsonObject().put("user.id", "alice"), root.getJsonObject("attributes"));
    JsonObject chat = lines.get(1);
    assertEquals("0102030405060708", chat.getString("parentSpanId"));
    assertEquals("SPAN_KIND_CLIENT", chat.getString("kind"));
    assertEquals("STATUS_CODE_UNSET", chat.getString("status"));
    assertEquals(
        new JsonObject()
            .put("gen_ai.request.model", "gpt-test")
            .put("gen_ai.usage.input_tokens", 27)
            .put("gen_ai.request.temperature", 0.2)
            .put("gen_ai.response.finish_reasons", new JsonArray().add("stop")),
        chat.getJsonObject("attributes"),
        "gen_ai.* only, typed; http.method left out");
  }

  @Test
  void acceptsGzip() {
    byte[] traceId = traceId();

    HttpResponse<String> response =
        Http.send(
            post(TRACES, PROTOBUF, gzip(twoSpans(traceId).toByteArray()))
                .header("Content-Encoding", "gzip"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(2, linesOf(traceId).size());
  }

  @Test
  void acceptsOtlpJsonWithHexIds() {
    byte[] traceId = traceId();
    String hex = HexFormat.of().formatHex(traceId);
    JsonObject span =
        new JsonObject()
            .put("traceId", hex)
            .put("spanId", "1112131415161718")
            .put("name", "chat gpt-test")
            .put("kind", 3)
            .put("startTimeUnixNano", "1000000")
            .put("endTimeUnixNano", "3000000")
            .put(
                "attributes",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("key", "gen_ai.operation.name")
                            .put("value", new JsonObject().put("stringValue", "chat"))));
    JsonObject request =
        new JsonObject()
            .put(
                "resourceSpans",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put(
                                "scopeSpans",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("spans", new JsonArray().add(span))))));

    HttpResponse<String> response =
        Http.send(
            post(TRACES, "application/json", request.encode().getBytes(StandardCharsets.UTF_8)));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("{}", response.body());
    JsonObject line = linesOf(traceId).get(0);
    assertEquals("1112131415161718", line.getString("spanId"));
    assertEquals("SPAN_KIND_CLIENT", line.getString("kind"));
    assertEquals(2.0, line.getDouble("durationMs"));
    assertEquals("chat", line.getJsonObject("attributes").getString("gen_ai.operation.name"));
  }

  @Test
  void refusesGarbage() {
    byte[] garbage = "this is not protobuf".getBytes(StandardCharsets.UTF_8);

    assertEquals(400, Http.send(post(TRACES, PROTOBUF, garbage)).statusCode());
    assertEquals(
        400,
        Http.send(post(TRACES, PROTOBUF, garbage).header("Content-Encoding", "gzip")).statusCode());
    assertEquals(
        400,
        Http.send(post(TRACES, "application/json", "{\"resourceSpans\": 7}".getBytes()))
            .statusCode());
    assertEquals(415, Http.send(post(TRACES, "text/plain", garbage)).statusCode());
  }

  @Test
  void refusesWhatInflatesPastTheLimit() {
    byte[] bomb = gzip(new byte[OtlpReceiverStandin.MAX_BODY_BYTES + 1]);

    HttpResponse<String> response =
        Http.send(post(TRACES, PROTOBUF, bomb).header("Content-Encoding", "gzip"));

    assertTrue(bomb.length < 1024 * 1024, "the compressed body itself is small");
    assertEquals(413, response.statusCode(), response.body());
  }

  @Test
  void takesMetricsAndLogsAndCountsThem() {
    for (String signal : List.of("metrics", "logs")) {
      HttpResponse<String> response =
          Http.send(post(OtlpReceiverStandin.PREFIX + "/v1/" + signal, PROTOBUF, new byte[0]));

      assertEquals(200, response.statusCode(), signal);
    }
    String scraped = Http.send(HttpRequest.newBuilder(metrics).GET()).body();
    assertTrue(scraped.contains("standins_otlp_requests_total{signal=\"metrics\""), scraped);
    assertTrue(scraped.contains("standins_otlp_requests_total{signal=\"logs\""), scraped);
    assertEquals(404, Http.send(post("/v1/traces", PROTOBUF, new byte[0])).statusCode());
  }

  private HttpRequest.Builder post(String path, String contentType, byte[] body) {
    return Http.request(config, config.langfuse().port(), path)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** A server span with a user and a client LLM call under it, from one service. */
  private static ExportTraceServiceRequest twoSpans(byte[] traceId) {
    ByteString trace = ByteString.copyFrom(traceId);
    ByteString rootId = ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708"));
    Span root =
        Span.newBuilder()
            .setTraceId(trace)
            .setSpanId(rootId)
            .setName("invoke_agent demo")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_000_000_000L)
            .setEndTimeUnixNano(1_001_500_000L)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
            .addAttributes(string("user.id", "alice"))
            .addAttributes(string("http.method", "POST"))
            .build();
    Span chat =
        Span.newBuilder()
            .setTraceId(trace)
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("a1a2a3a4a5a6a7a8")))
            .setParentSpanId(rootId)
            .setName("chat gpt-test")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_000_100_000L)
            .setEndTimeUnixNano(1_001_000_000L)
            .addAttributes(string("gen_ai.request.model", "gpt-test"))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.usage.input_tokens")
                    .setValue(AnyValue.newBuilder().setIntValue(27)))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.request.temperature")
                    .setValue(AnyValue.newBuilder().setDoubleValue(0.2)))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.response.finish_reasons")
                    .setValue(
                        AnyValue.newBuilder()
                            .setArrayValue(
                                io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                                    .addValues(AnyValue.newBuilder().setStringValue("stop")))))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder().addAttributes(string("service.name", "agent-executor")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(root).addSpans(chat)))
        .build();
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static byte[] traceId() {
    UUID id = UUID.randomUUID();
    return HexFormat.of()
        .parseHex(
            String.format("%016x%016x", id.getMostSignificantBits(), id.getLeastSignificantBits()));
  }

  /** The log's lines of one trace; the request was answered only after they were written. */
  private List<JsonObject> linesOf(byte[] traceId) {
    String hex = HexFormat.of().formatHex(traceId);
    try {
      return Files.readAllLines(Path.of(config.langfuse().tracesLog())).stream()
          .map(JsonObject::new)
          .filter(line -> hex.equals(line.getString("traceId")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
