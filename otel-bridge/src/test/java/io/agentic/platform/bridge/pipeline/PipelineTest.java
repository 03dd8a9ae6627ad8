package io.agentic.platform.bridge.pipeline;

import static io.agentic.platform.bridge.OtlpRequests.encoded;
import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.agentic.platform.bridge.OtlpRequests.spans;
import static io.agentic.platform.bridge.OtlpRequests.traces;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.export.ExportResult;
import io.agentic.platform.bridge.export.Exporter;
import io.agentic.platform.bridge.signal.EncodedRequest;
import io.agentic.platform.bridge.signal.EncodedResource;
import io.agentic.platform.bridge.signal.Signal;
import io.agentic.platform.bridge.signal.Signal.PartialSuccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineTest {

  private static final Duration NEVER = Duration.ofHours(1);
  private static final ExportResult OK = new ExportResult.Accepted(PartialSuccess.NONE);

  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private ScriptedExporter exporter;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    exporter = new ScriptedExporter();
  }

  @AfterEach
  void tearDown() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void aBatchIsSentAsSoonAsItHoldsMaxItems() {
    var pipeline = pipeline(limits(4, NEVER, 100, 4));
    assertEquals(Offer.ACCEPTED, pipeline.offer(encoded(spans("a", 2)), "grpc"));
    assertEquals(0, exporter.requests.size(), "two spans wait for more");
    assertEquals(Offer.ACCEPTED, pipeline.offer(encoded(spans("b", 2)), "grpc"));
    await().until(() -> exporter.requests.size() == 1);
    assertEquals(List.of("a0", "a1", "b0", "b1"), names(exporter.requests.get(0)));
    ResourceSpans merged = exporter.requests.get(0).getResourceSpans(0);
    assertEquals(1, exporter.requests.get(0).getResourceSpansCount(), "one resource");
    assertEquals(1, merged.getScopeSpansCount(), "one scope");
    assertEquals(spans("a", 1).getResourceSpans(0).getResource(), merged.getResource());
  }

  @Test
  void requestsFromDifferentResourcesOrScopesStaySeparate() {
    var pipeline = pipeline(limits(6, NEVER, 100, 1));
    ExportTraceServiceRequest other = spans("b", 2);
    ResourceSpans.Builder otherResource = other.getResourceSpans(0).toBuilder();
    otherResource
        .getResourceBuilder()
        .getAttributesBuilder(0)
        .getValueBuilder()
        .setStringValue("x");
    ExportTraceServiceRequest otherScope = spans("c", 2);
    ResourceSpans.Builder scoped = otherScope.getResourceSpans(0).toBuilder();
    scoped.getScopeSpansBuilder(0).getScopeBuilder().setName("other");
    pipeline.offer(encoded(spans("a", 2)), "grpc");
    pipeline.offer(encoded(other.toBuilder().setResourceSpans(0, otherResource).build()), "grpc");
    pipeline.offer(encoded(otherScope.toBuilder().setResourceSpans(0, scoped).build()), "grpc");
    await().until(() -> exporter.requests.size() == 1);
    ExportTraceServiceRequest sent = exporter.requests.get(0);
    assertEquals(2, sent.getResourceSpansCount());
    assertEquals(2, sent.getResourceSpans(0).getScopeSpansCount(), "svc: scope and other");
    assertEquals(List.of("a0", "a1", "c0", "c1", "b0", "b1"), names(sent));
  }

  @Test
  void sendBatchSizeTriggersAndSendBatchMaxSizeCaps() {
    var uncapped = pipeline(limits(4, 0, NEVER, 1000, false, 4));
    uncapped.offer(encoded(spans("a", 10)), "grpc");
    await().until(() -> exporter.requests.size() == 1);
    assertEquals(10, names(exporter.requests.get(0)).size(), "no cap: the whole request");

    exporter.requests.clear();
    var capped = pipeline(limits(4, 6, NEVER, 1000, false, 4));
    capped.offer(encoded(spans("b", 3)), "grpc");
    assertEquals(0, exporter.requests.size(), "3 < send-batch-size waits");
    capped.offer(encoded(spans("c", 10)), "grpc");
    await().until(() -> exporter.requests.size() == 3);
    List<Integer> sizes = exporter.requests.stream().map(r -> names(r).size()).sorted().toList();
    assertEquals(List.of(3, 4, 6), sizes, "b alone (c would pass the cap), then c cut at 6");
  }

  @Test
  void aBatchThatIsNotFullIsSentAfterTheTimeout() {
    var pipeline = pipeline(limits(512, Duration.ofMillis(200), 1000, 4));
    long start = System.nanoTime();
    pipeline.offer(encoded(spans("a", 3)), "http");
    await().atMost(Duration.ofSeconds(5)).until(() -> exporter.requests.size() == 1);
    long waited = Duration.ofNanos(exporter.times.get(0) - start).toMillis();
    assertTrue(waited >= 190, "sent after " + waited + " ms");
    assertEquals(3, names(exporter.requests.get(0)).size());
  }

  @Test
  void aLargeRequestIsCutIntoBatchesOfMaxItemsKeepingResourceAndScope() {
    var pipeline = pipeline(limits(4, Duration.ofMillis(100), 1000, 4));
    pipeline.offer(encoded(spans("a", 10)), "grpc");
    await().until(() -> exporter.requests.size() == 3);
    List<Integer> sizes = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (ExportTraceServiceRequest request : exporter.requests) {
      sizes.add(names(request).size());
      all.addAll(names(request));
      ResourceSpans resource = request.getResourceSpans(0);
      assertEquals("svc", resource.getResource().getAttributes(0).getValue().getStringValue());
      assertEquals("scope", resource.getScopeSpans(0).getScope().getName());
    }
    assertEquals(List.of(4, 4, 2), sizes);
    assertEquals(names(spans("a", 10)), all);
  }

  @Test
  void aFullQueueRefusesSendersUntilAnExportFreesRoom() {
    exporter.script = request -> exporter.hold();
    var pipeline = pipeline(limits(4, NEVER, 4, 1));
    assertEquals(Offer.ACCEPTED, pipeline.offer(encoded(spans("a", 4)), "grpc"));
    assertEquals(Offer.FULL, pipeline.offer(encoded(spans("b", 1)), "grpc"));
    assertEquals(1.0, counter("otel_bridge.rejected.items", "reason", "queue_full"));

    exporter.release(0, OK);
    await().until(() -> pipeline.items() == 0);
    assertEquals(0, pipeline.bytes());
    assertEquals(Offer.ACCEPTED, pipeline.offer(encoded(spans("c", 1)), "grpc"));
    assertEquals(4.0, counter("otel_bridge.exported.items"));
  }

  @Test
  void aRequestLargerThanTheWholeQueueIsRefusedForGood() {
    var pipeline = pipeline(limits(4, NEVER, 4, 1));
    assertEquals(Offer.TOO_LARGE, pipeline.offer(encoded(spans("a", 5)), "http"));
    assertEquals(5.0, counter("otel_bridge.rejected.items", "reason", "too_large"));
  }

  @Test
  void noMoreThanConcurrencyExportsAreInFlight() {
    exporter.script = request -> exporter.hold();
    var pipeline = pipeline(limits(1, NEVER, 100, 2));
    for (int i = 0; i < 5; i++) {
      pipeline.offer(encoded(spans("s" + i, 1)), "grpc");
    }
    await().until(() -> exporter.requests.size() == 2);
    exporter.release(0, OK);
    await().until(() -> exporter.requests.size() == 3);
    assertEquals(List.of("s2_0"), names(exporter.requests.get(2)));
  }

  @Test
  void aRetryableFailureIsRetriedAfterRetryAfter() {
    exporter.script =
        request ->
            Future.succeededFuture(
                exporter.requests.size() == 1
                    ? new ExportResult.Retryable(Optional.of(Duration.ofMillis(300)), "HTTP 503")
                    : OK);
    var pipeline = pipeline(limits(2, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 2)), "grpc");
    await().until(() -> exporter.requests.size() == 2);
    long gap = Duration.ofNanos(exporter.times.get(1) - exporter.times.get(0)).toMillis();
    assertTrue(gap >= 290, "retried after " + gap + " ms");
    assertEquals(exporter.requests.get(0), exporter.requests.get(1), "the same spans again");
    await().until(() -> counter("otel_bridge.exported.items") == 2.0);
    assertEquals(0, pipeline.items());
    assertEquals(2.0, counter("otel_bridge.retried.items"));
    assertEquals(
        1L,
        registry.find("otel_bridge.export.duration").tag("outcome", "retryable").timer().count());
    assertEquals(
        1L, registry.find("otel_bridge.export.duration").tag("outcome", "success").timer().count());
  }

  @Test
  void theDestinationCountsAsFailingFromTheFirstRetryableFailureUntilASuccess() {
    exporter.script = request -> exporter.hold();
    var pipeline = pipeline(limits(1, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 1)), "grpc");
    await().until(() -> exporter.held.size() == 1);
    assertEquals(Duration.ZERO, pipeline.failingFor());
    exporter.release(0, new ExportResult.Retryable(Optional.of(Duration.ofMillis(200)), "503"));
    await().until(() -> pipeline.failingFor().toMillis() >= 100);
    await().until(() -> exporter.held.size() == 2);
    assertTrue(pipeline.failingFor().toMillis() >= 200, "still failing while the retry is out");
    exporter.release(1, OK);
    await().until(() -> pipeline.failingFor().isZero());
  }

  @Test
  void dropOldestMakesRoomByDroppingWaitingBatchesAndCountsThem() {
    exporter.script = request -> exporter.hold();
    var pipeline = pipeline(limits(2, 2, NEVER, 6, true, 1));
    pipeline.offer(encoded(spans("a", 2)), "grpc"); // in flight
    pipeline.offer(encoded(spans("b", 2)), "grpc"); // waiting
    pipeline.offer(encoded(spans("c", 2)), "grpc"); // waiting
    assertEquals(Offer.ACCEPTED, pipeline.offer(encoded(spans("d", 2)), "grpc"));
    assertEquals(2.0, counter("otel_bridge.dropped.items", "reason", "drop_oldest"));
    assertEquals(0.0, counter("otel_bridge.rejected.items", "reason", "queue_full"));
    assertEquals(6, pipeline.items());
    assertEquals(
        Offer.FULL,
        pipeline.offer(encoded(spans("e", 5)), "grpc"),
        "the batch in flight cannot be dropped, so five never fit");
    assertEquals(2.0, counter("otel_bridge.dropped.items", "reason", "drop_oldest"));

    exporter.script = request -> Future.succeededFuture(OK);
    exporter.release(0, OK);
    await().until(() -> pipeline.items() == 0);
    List<String> sent = new ArrayList<>();
    exporter.requests.forEach(r -> sent.addAll(names(r)));
    assertEquals(List.of("a0", "a1", "c0", "c1", "d0", "d1"), sent, "b, the oldest waiting, went");
  }

  @Test
  void withoutRetryAfterTheBackoffGrows() {
    exporter.script =
        request ->
            Future.succeededFuture(
                exporter.requests.size() < 4
                    ? new ExportResult.Retryable(Optional.empty(), "connection refused")
                    : OK);
    var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0);
    var pipeline = pipeline(limits(1, NEVER, 100, 1), backoff);
    pipeline.offer(encoded(spans("a", 1)), "grpc");
    await().atMost(Duration.ofSeconds(5)).until(() -> exporter.requests.size() == 4);
    long first = millisBetween(0, 1);
    long second = millisBetween(1, 2);
    long third = millisBetween(2, 3);
    assertTrue(first >= 95 && second >= 195 && third >= 395, first + ", " + second + ", " + third);
  }

  @Test
  void retriesStopOnceMaxElapsedTimeWouldBePassed() {
    exporter.script =
        request ->
            Future.succeededFuture(
                new ExportResult.Retryable(Optional.of(Duration.ofMillis(100)), "HTTP 429"));
    var limits =
        new Pipeline.Limits(
            1, 1, 1 << 20, NEVER, 100, 1 << 30, false, 1, true, Duration.ofMillis(350));
    var pipeline = pipeline(limits);
    pipeline.offer(encoded(spans("a", 1)), "grpc");
    await().until(() -> counter("otel_bridge.dropped.items", "reason", "retries_exhausted") == 1.0);
    assertTrue(exporter.requests.size() <= 4, exporter.requests.size() + " attempts");
    assertEquals(0, pipeline.items());
  }

  @Test
  void aNonRetryableAnswerDropsTheBatchAtOnce() {
    exporter.script = request -> Future.succeededFuture(new ExportResult.Failed("HTTP 401"));
    var pipeline = pipeline(limits(3, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 3)), "grpc");
    await().until(() -> counter("otel_bridge.dropped.items", "reason", "non_retryable") == 3.0);
    assertEquals(1, exporter.requests.size());
    assertEquals(0, pipeline.items());
  }

  @Test
  void tooLargeIsSentAgainInHalvesUntilItFits() {
    exporter.script =
        request ->
            Future.succeededFuture(
                names(request).size() > 2 ? new ExportResult.TooLarge("HTTP 413") : OK);
    var pipeline = pipeline(limits(5, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 5)), "grpc");
    await().until(() -> counter("otel_bridge.exported.items") == 5.0);
    List<String> delivered = new ArrayList<>();
    for (ExportTraceServiceRequest request : exporter.requests) {
      if (names(request).size() <= 2) {
        delivered.addAll(names(request));
      }
    }
    assertEquals(names(spans("a", 5)), delivered, "each span once, in order");
    assertEquals(0, pipeline.items());
    assertEquals(0, pipeline.bytes(), "halving gives back exactly the bytes it took");
  }

  @Test
  void aSingleSpanTooLargeIsDropped() {
    exporter.script = request -> Future.succeededFuture(new ExportResult.TooLarge("HTTP 413"));
    var pipeline = pipeline(limits(1, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 1)), "grpc");
    await().until(() -> counter("otel_bridge.dropped.items", "reason", "too_large") == 1.0);
  }

  @Test
  void aPartialSuccessCountsTheRejectedItemsAndIsNotRetried() {
    exporter.script =
        request ->
            Future.succeededFuture(
                new ExportResult.Accepted(new PartialSuccess(2, "2 spans had no name")));
    var pipeline = pipeline(limits(5, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 5)), "grpc");
    await().until(() -> counter("otel_bridge.exported.items") == 3.0);
    assertEquals(2.0, counter("otel_bridge.dropped.items", "reason", "partial_success"));
    assertEquals(1, exporter.requests.size());
  }

  @Test
  void drainSendsThePendingBatchAndRefusesNewRequests() {
    var pipeline = pipeline(limits(100, NEVER, 1000, 1));
    pipeline.offer(encoded(spans("a", 3)), "grpc");
    assertEquals(new Pipeline.DrainReport(3, 0), pipeline.drain(Duration.ofSeconds(5)));
    assertEquals(1, exporter.requests.size());
    assertEquals(3.0, counter("otel_bridge.exported.items"));
    assertEquals(Offer.CLOSED, pipeline.offer(encoded(spans("b", 1)), "grpc"));
  }

  @Test
  void drainRetriesAWaitingBatchAtOnce() {
    exporter.script =
        request ->
            Future.succeededFuture(
                exporter.requests.size() == 1
                    ? new ExportResult.Retryable(Optional.of(Duration.ofMinutes(1)), "HTTP 503")
                    : OK);
    var pipeline = pipeline(limits(2, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 2)), "grpc");
    await().until(() -> exporter.requests.size() == 1);
    pipeline.drain(Duration.ofSeconds(5));
    assertEquals(2, exporter.requests.size());
    assertEquals(2.0, counter("otel_bridge.exported.items"));
  }

  @Test
  void drainCountsWhatItCouldNotExportInTime() {
    exporter.script =
        request ->
            Future.succeededFuture(
                new ExportResult.Retryable(Optional.of(Duration.ofMinutes(1)), "HTTP 503"));
    var pipeline = pipeline(limits(2, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 2)), "grpc");
    pipeline.offer(encoded(spans("b", 2)), "grpc");
    long start = System.nanoTime();
    Pipeline.DrainReport report = pipeline.drain(Duration.ofMillis(300));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
    assertEquals(4.0, counter("otel_bridge.dropped.items", "reason", "shutdown"));
    assertEquals(new Pipeline.DrainReport(4, 4), report);
  }

  @Test
  void drainCountsAnExportStillInFlightOnceAndIgnoresItsLateAnswer() {
    exporter.script = request -> exporter.hold();
    var pipeline = pipeline(limits(2, NEVER, 100, 1));
    pipeline.offer(encoded(spans("a", 2)), "grpc");
    pipeline.offer(encoded(spans("b", 1)), "grpc");
    Pipeline.DrainReport report = pipeline.drain(Duration.ofMillis(200));
    assertEquals(new Pipeline.DrainReport(3, 3), report);
    exporter.release(0, OK);
    assertEquals(3.0, counter("otel_bridge.dropped.items", "reason", "shutdown"));
    assertEquals(0.0, counter("otel_bridge.exported.items"), "the late answer is not counted");
    assertEquals(0, pipeline.items());
  }

  // ---- helpers ----

  private Pipeline<EncodedRequest, EncodedResource> pipeline(Pipeline.Limits limits) {
    return pipeline(limits, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 1.5, 0));
  }

  private Pipeline<EncodedRequest, EncodedResource> pipeline(
      Pipeline.Limits limits, Backoff backoff) {
    return new Pipeline<>(
        Signal.TRACES, exporter, vertx, new BridgeMetrics(registry), limits, backoff);
  }

  /** Batches of {@code batchItems} (send-batch-size and send-batch-max-size), no drop-oldest. */
  private static Pipeline.Limits limits(
      int batchItems, Duration timeout, int queueItems, int concurrency) {
    return limits(batchItems, batchItems, timeout, queueItems, false, concurrency);
  }

  private static Pipeline.Limits limits(
      int batchSize,
      int batchMaxSize,
      Duration timeout,
      int queueItems,
      boolean dropOldest,
      int concurrency) {
    return new Pipeline.Limits(
        batchSize,
        batchMaxSize,
        1 << 20,
        timeout,
        queueItems,
        1 << 30,
        dropOldest,
        concurrency,
        true,
        Duration.ofMinutes(5));
  }

  private double counter(String name, String... tags) {
    var search = registry.find(name).tags(tags);
    return search.counter() == null ? 0 : search.counter().count();
  }

  private long millisBetween(int a, int b) {
    return Duration.ofNanos(exporter.times.get(b) - exporter.times.get(a)).toMillis();
  }

  /** Records what it is asked to export and answers as the test's script says. */
  static final class ScriptedExporter implements Exporter {

    final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
    final List<Long> times = new CopyOnWriteArrayList<>();
    final List<Promise<ExportResult>> held = new CopyOnWriteArrayList<>();
    volatile Function<ExportTraceServiceRequest, Future<ExportResult>> script =
        request -> Future.succeededFuture(OK);

    @Override
    public Future<ExportResult> export(Message request) {
      times.add(System.nanoTime());
      ExportTraceServiceRequest sent = traces(request);
      requests.add(sent);
      return script.apply(sent);
    }

    /** An answer the test gives later with {@link #release}. */
    Future<ExportResult> hold() {
      Promise<ExportResult> promise = Promise.promise();
      held.add(promise);
      return promise.future();
    }

    void release(int index, ExportResult result) {
      held.get(index).complete(result);
    }

    @Override
    public String destination() {
      return "scripted";
    }
  }
}
