package io.agentic.platform.bridge.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuse.Answer;
import io.agentic.platform.bridge.signal.Signal;
import io.agentic.platform.bridge.signal.Signal.PartialSuccess;
import io.agentic.platform.testsupport.FreePorts;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpHttpExporterTest {

  private static final ExportTraceServiceRequest REQUEST =
      ExportTraceServiceRequest.newBuilder()
          .addResourceSpans(
              ResourceSpans.newBuilder()
                  .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("x"))))
          .build();

  private static Vertx vertx;
  private static HttpClient client;
  private static FakeLangfuse fake;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    fake = new FakeLangfuse();
  }

  @AfterAll
  static void stop() {
    fake.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  @Test
  void postsGzippedProtobufWithTheConfiguredHeaders() throws Exception {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Authorization", "Basic cGs6c2s=")
            .add("x-langfuse-ingestion-version", "4");
    ExportResult result = export(exporter(headers, true, Duration.ofSeconds(5)));
    assertEquals(new ExportResult.Accepted(PartialSuccess.NONE), result);
    FakeLangfuse.Received received = fake.accepted().get(0);
    assertEquals(FakeLangfuse.TRACES_PATH, received.path());
    assertEquals("application/x-protobuf", received.headers().get("Content-Type"));
    assertEquals("gzip", received.headers().get("Content-Encoding"));
    assertEquals("Basic cGs6c2s=", received.headers().get("Authorization"));
    assertEquals("4", received.headers().get("x-langfuse-ingestion-version"));
    assertEquals(REQUEST, received.traces());
  }

  @Test
  void aBatchWhoseCompressedBodySpansManyChunksArrivesWhole() throws Exception {
    // 88 random bytes per span do not compress: the gzip body of 2,000 spans is at least 176 KB,
    // several of the compressor's 64 KiB chunks.
    Random random = new Random(42);
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < 2_000; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(randomBytes(random, 16)))
              .setSpanId(ByteString.copyFrom(randomBytes(random, 8)))
              .setName(HexFormat.of().formatHex(randomBytes(random, 64))));
    }
    ExportTraceServiceRequest large =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
            .build();
    ExportResult result =
        exporter(MultiMap.caseInsensitiveMultiMap(), true, Duration.ofSeconds(5))
            .export(large)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals(new ExportResult.Accepted(PartialSuccess.NONE), result);
    FakeLangfuse.Received received = fake.accepted().get(0);
    assertEquals("gzip", received.headers().get("Content-Encoding"));
    assertEquals(large, received.traces());
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void withoutCompressionTheBodyIsPlainProtobuf() throws Exception {
    export(exporter(MultiMap.caseInsensitiveMultiMap(), false, Duration.ofSeconds(5)));
    FakeLangfuse.Received received = fake.accepted().get(0);
    assertEquals(null, received.headers().get("Content-Encoding"));
    assertEquals(REQUEST, received.traces());
  }

  @Test
  void aProtobufPartialSuccessIsReported() throws Exception {
    fake.answer(
        request ->
            Answer.protobuf(
                200,
                ExportTraceServiceResponse.newBuilder()
                    .setPartialSuccess(
                        ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(3)
                            .setErrorMessage("3 spans without trace id"))
                    .build()
                    .toByteArray()));
    assertEquals(
        new ExportResult.Accepted(new PartialSuccess(3, "3 spans without trace id")), export());
  }

  @Test
  void aJsonPartialSuccessIsReportedAndLangfuseStyleBodiesAreSuccess() throws Exception {
    fake.answer(
        request ->
            Answer.json(
                200, "{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"bad\"}}"));
    assertEquals(new ExportResult.Accepted(new PartialSuccess(2, "bad")), export());
    fake.answer(request -> Answer.json(207, "{\"successes\":[],\"errors\":[]}"));
    assertEquals(new ExportResult.Accepted(PartialSuccess.NONE), export());
  }

  @Test
  void throttlingAndGatewayErrorsAreRetryableWithRetryAfter() throws Exception {
    fake.answer(
        request -> Answer.json(429, "{\"message\":\"rate limited\"}").header("Retry-After", "7"));
    ExportResult.Retryable throttled = assertInstanceOf(ExportResult.Retryable.class, export());
    assertEquals(Optional.of(Duration.ofSeconds(7)), throttled.retryAfter());
    assertTrue(throttled.reason().contains("429") && throttled.reason().contains("rate limited"));
    for (int status : new int[] {502, 503, 504}) {
      fake.answer(request -> Answer.json(status, ""));
      ExportResult.Retryable result = assertInstanceOf(ExportResult.Retryable.class, export());
      assertEquals(Optional.empty(), result.retryAfter(), "status " + status);
    }
  }

  @Test
  void otherErrorsAreNotRetried() throws Exception {
    for (int status : new int[] {400, 401, 403, 404, 500}) {
      fake.answer(request -> Answer.json(status, "{\"error\":\"Invalid content type\"}"));
      ExportResult.Failed failed = assertInstanceOf(ExportResult.Failed.class, export());
      assertTrue(failed.reason().startsWith("HTTP " + status), failed.reason());
      assertTrue(failed.reason().contains("Invalid content type"), failed.reason());
    }
  }

  @Test
  void payloadTooLargeAsksForSmallerRequests() throws Exception {
    fake.answer(request -> Answer.json(413, ""));
    assertInstanceOf(ExportResult.TooLarge.class, export());
  }

  @Test
  void anUnreachableDestinationIsRetryable() throws Exception {
    int closedPort = FreePorts.one();
    var exporter =
        new OtlpHttpExporter(
            vertx,
            client,
            Signal.TRACES,
            URI.create("http://127.0.0.1:" + closedPort + "/v1/traces"),
            MultiMap.caseInsensitiveMultiMap(),
            true,
            1,
            Duration.ofSeconds(5));
    assertInstanceOf(ExportResult.Retryable.class, export(exporter));
  }

  @Test
  void aDestinationThatNeverAnswersTimesOutAsRetryable() throws Exception {
    fake.answer(request -> null);
    long start = System.nanoTime();
    ExportResult result =
        export(exporter(MultiMap.caseInsensitiveMultiMap(), true, Duration.ofMillis(300)));
    long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
    ExportResult.Retryable retryable = assertInstanceOf(ExportResult.Retryable.class, result);
    assertTrue(took >= 290 && took < 5000, "took " + took + " ms");
    assertTrue(retryable.reason().contains("Timeout"), retryable.reason());
  }

  @Test
  void exportsStartedFromPlainThreadsAllComplete() throws Exception {
    // Started from a plain thread, as the drain at shutdown does; every export must complete.
    var exporter = exporter(MultiMap.caseInsensitiveMultiMap(), false, Duration.ofSeconds(30));
    int exports = 8000;
    Semaphore inFlight = new Semaphore(4);
    AtomicInteger accepted = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; i < exports; i++) {
      assertTrue(inFlight.tryAcquire(10, TimeUnit.SECONDS), "an export hung after " + i);
      exporter
          .export(REQUEST)
          .onComplete(
              done -> {
                if (done.succeeded() && done.result() instanceof ExportResult.Accepted) {
                  accepted.incrementAndGet();
                }
                inFlight.release();
              });
      assertTrue(System.nanoTime() < deadline, "too slow");
    }
    assertTrue(inFlight.tryAcquire(4, 10, TimeUnit.SECONDS), "the last exports hung");
    assertEquals(exports, accepted.get());
  }

  @Test
  void aCompressionLevelOutOfRangeIsRefusedNamingTheKey() {
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new OtlpHttpExporter(
                    vertx,
                    client,
                    Signal.TRACES,
                    URI.create(fake.endpoint() + "/v1/traces"),
                    MultiMap.caseInsensitiveMultiMap(),
                    true,
                    10,
                    Duration.ofSeconds(5)));
    assertTrue(error.getMessage().contains("bridge.export.compression-level"));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(120)), OtlpHttpExporter.retryAfter(" 120 ", now));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
    assertEquals(Optional.of(Duration.ofSeconds(30)), OtlpHttpExporter.retryAfter(date, now));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(30).atOffset(ZoneOffset.UTC));
    assertEquals(Optional.of(Duration.ZERO), OtlpHttpExporter.retryAfter(past, now));
    assertEquals(Optional.empty(), OtlpHttpExporter.retryAfter("soon", now));
    assertEquals(Optional.empty(), OtlpHttpExporter.retryAfter(null, now));
  }

  private ExportResult export() throws Exception {
    return export(exporter(MultiMap.caseInsensitiveMultiMap(), true, Duration.ofSeconds(5)));
  }

  private static ExportResult export(OtlpHttpExporter exporter) throws Exception {
    return exporter
        .export(REQUEST)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static OtlpHttpExporter exporter(MultiMap headers, boolean gzip, Duration timeout) {
    return new OtlpHttpExporter(
        vertx,
        client,
        Signal.TRACES,
        URI.create(fake.endpoint() + "/v1/traces"),
        headers,
        gzip,
        1,
        timeout);
  }
}
