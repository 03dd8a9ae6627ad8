import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Benchmark of the otel-bridge against a baseline measured in the same run. Everything runs on
 * loopback: a sink (a minimal OTLP/HTTP endpoint standing in for Langfuse), the packaged bridge as
 * a separate process, and the senders. Every phase is bounded in time.
 *
 * <ol>
 *   <li>direct: senders post OTLP/HTTP gzip protobuf straight to the sink (the baseline);
 *   <li>bridge: the same senders send OTLP/gRPC to the bridge, which batches and exports to the
 *       sink; throughput is counted at the sink;
 *   <li>fixed rate: 10,000 spans/s through the bridge (100 requests/s of 100 spans on one
 *       channel, the Collector testbed's load shape); its CPU (from /proc) and RSS over the first
 *       60 s from a cold start and over 60 s once the JIT has settled, against the 10 % of one core
 *       and 256 MiB targets.
 * </ol>
 *
 * Run through run.sh, which builds the bridge and the classpath.
 */
public class OtelBridgeBench {

  static final int SPANS_PER_REQUEST = 100;
  static final int SENDERS = 4;
  static final long CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

  /**
   * The bridge's JVM options: BENCH_JAVA_OPTS, default the JVM as the chart's pod runs it (200m CPU
   * and 384 Mi memory limits): one processor, which also makes the JVM pick the serial collector and
   * size its thread pools for one core, and the image's MaxRAMPercentage=50 of the memory limit.
   */
  static final String JAVA_OPTS =
      System.getenv()
          .getOrDefault(
              "BENCH_JAVA_OPTS",
              "-XX:ActiveProcessorCount=1 -XX:MaxRAM=384m -XX:MaxRAMPercentage=50");

  static final AtomicLong sinkSpans = new AtomicLong();
  static final AtomicLong sinkRequests = new AtomicLong();
  static final AtomicLong sinkErrors = new AtomicLong();

  /** While set, the sink answers 503 with Retry-After: 1, as an overloaded Langfuse would. */
  static volatile boolean sinkStalled;

  /** The phase right after readiness, in which a fresh bridge must already take 10k spans/s. */
  static final int START_SECONDS = 7;

  /** BENCH_START_ONLY=1: measure only the start-up phase (about 20 s with the start). */
  static final boolean START_ONLY = "1".equals(System.getenv("BENCH_START_ONLY"));

  /** BENCH_MEMORY_ONLY=1: the start phase, then only the full-queue and largest-message phases. */
  static final boolean MEMORY_ONLY = "1".equals(System.getenv("BENCH_MEMORY_ONLY"));

  /** The steady-rate phase's length: the Collector testbed's 60 s unless BENCH_STEADY_SECONDS. */
  static final int STEADY_SECONDS =
      Integer.parseInt(System.getenv().getOrDefault("BENCH_STEADY_SECONDS", "60"));

  /**
   * Load at 10k spans/s between the cold and the steady measurement, BENCH_SETTLE_SECONDS: the JIT
   * compiler is still busy during the first minute and a half of load (see the README), which a
   * long-running bridge pays once per start, not at a steady rate.
   */
  static final int SETTLE_SECONDS =
      Integer.parseInt(System.getenv().getOrDefault("BENCH_SETTLE_SECONDS", "30"));

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path jar = Path.of(args.length > 1 ? args[1] : "otel-bridge/target/quarkus-app/quarkus-run.jar");
    Vertx vertx = Vertx.vertx();
    HttpServer sink = startSink(vertx);
    int grpcPort = freePort();
    int httpPort = freePort();
    int managementPort = freePort();
    Process bridge = startBridge(jar, sink.actualPort(), grpcPort, httpPort, managementPort);
    Runtime.getRuntime().addShutdownHook(new Thread(bridge::destroyForcibly));
    try {
      awaitReady(managementPort);
      ExportTraceServiceRequest request = request();
      System.out.printf(
          Locale.ROOT,
          "otel-bridge benchmark: %d spans/request (%d bytes encoded), %d concurrent senders,"
              + " %d s per phase, %d cores%n",
          SPANS_PER_REQUEST,
          request.getSerializedSize(),
          SENDERS,
          seconds,
          Runtime.getRuntime().availableProcessors());

      long idleRssMiB = rssKiB(bridge.pid()) / 1024;
      // The fixed rate from a cold start (JIT compilation included), then once the JIT has
      // settled, both before saturation grows the heap; then saturate both paths.
      // The first seconds after readiness: a replica that has just started must take its rated
      // load at once (a rolling update sends it traffic as soon as it is ready).
      Rate start = fixedRate(grpcPort, request, START_SECONDS, 10_000, bridge.pid());
      System.out.printf(
          Locale.ROOT,
          "at 10,000 spans/s, start    the first %d s after readiness: %.1f%% refused, %.1f%% delivered"
              + " within them, Export latency p50 %.2f ms p99 %.2f ms%n",
          START_SECONDS,
          start.refusedPct(),
          start.deliveredInWindowPct(),
          start.p50Millis,
          start.p99Millis);
      System.out.println(
          "  refused spans by second of the start phase: " + Arrays.toString(start.refusedBySecond));
      printRejections(managementPort);
      if (MEMORY_ONLY) {
        Stall stall = stalled(grpcPort, request, seconds, bridge.pid());
        System.out.printf(
            Locale.ROOT,
            "RESULT rss_full_queue_mib=%d rss_worst_mib=%d%n",
            stall.rssMiB,
            stall.worstRssMiB);
        return;
      }
      if (START_ONLY) {
        System.out.printf(
            Locale.ROOT,
            "RESULT start_refused_pct=%.1f start_delivered_pct=%.1f rss_ready_mib=%d rss_start_mib=%d%n",
            start.refusedPct(),
            start.deliveredInWindowPct(),
            idleRssMiB,
            start.rssMiB);
        return;
      }
      Rate cold = fixedRate(grpcPort, request, STEADY_SECONDS, 10_000, bridge.pid());
      fixedRate(grpcPort, request, SETTLE_SECONDS, 10_000, bridge.pid());
      Rate fixed = fixedRate(grpcPort, request, STEADY_SECONDS, 10_000, bridge.pid());
      direct(vertx, sink.actualPort(), request, 3);
      Result direct = direct(vertx, sink.actualPort(), request, seconds);
      Result viaBridge = viaBridge(grpcPort, request, seconds, bridge.pid());
      long peakRssMiB = rssKiB(bridge.pid()) / 1024;
      Stall stall = stalled(grpcPort, request, seconds, bridge.pid());

      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "direct to sink (baseline)   %,10.0f spans/s%n",
          direct.spansPerSecond);
      System.out.printf(
          Locale.ROOT,
          "through the bridge          %,10.0f spans/s  (%,d refused by backpressure, bridge CPU %.0f%% of one core)%n",
          viaBridge.spansPerSecond,
          viaBridge.refused,
          viaBridge.bridgeCpuCores * 100);
      System.out.printf(
          Locale.ROOT,
          "at 10,000 spans/s           delivered %,.0f spans/s, bridge CPU %.1f%% of one core,"
              + " RSS %d MiB, Export latency p50 %.2f ms p99 %.2f ms%n",
          fixed.deliveredPerSecond,
          fixed.cpuCores * 100,
          fixed.rssMiB,
          fixed.p50Millis,
          fixed.p99Millis);
      System.out.printf(
          Locale.ROOT,
          "at 10,000 spans/s, cold     the first %d s of load: bridge CPU %.1f%% of one core (JIT"
              + " compilation included), RSS %d MiB, Export latency p50 %.2f ms p99 %.2f ms%n",
          STEADY_SECONDS,
          cold.cpuCores * 100,
          cold.rssMiB,
          cold.p50Millis,
          cold.p99Millis);
      System.out.printf(
          Locale.ROOT,
          "destination answering 503   %,d spans taken, %,d refused with RetryInfo, bridge RSS %d MiB;"
              + " after recovery %,d of the taken spans delivered%n",
          stall.taken,
          stall.refused,
          stall.rssMiB,
          stall.deliveredAfter);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "ratio bridge / direct throughput              %.2f%n",
          viaBridge.spansPerSecond / direct.spansPerSecond);
      System.out.printf(
          Locale.ROOT,
          "ratio bridge CPU at 10k spans/s / 10%% target  %.2f  (%.1f%% of one core over %d s, after"
              + " %d s of load; %.1f%% in the first %d s)%n",
          fixed.cpuCores / 0.10,
          fixed.cpuCores * 100,
          STEADY_SECONDS,
          START_SECONDS + STEADY_SECONDS + SETTLE_SECONDS,
          cold.cpuCores * 100,
          STEADY_SECONDS);
      System.out.printf(
          Locale.ROOT,
          "ratio bridge RSS at 10k spans/s / 256 MiB     %.2f  (RSS %d MiB at start, %d MiB after"
              + " saturation; JVM options %s)%n",
          fixed.rssMiB / 256.0,
          idleRssMiB,
          peakRssMiB,
          JAVA_OPTS);
      double perCore = viaBridge.spansPerSecond / Math.max(viaBridge.bridgeCpuCores, 1e-9);
      System.out.printf(
          Locale.ROOT,
          "spans per bridge CPU-second (saturated)       %,.0f  (target 50k per core: ratio %.2f;"
              + " Collector published: 12-15k per core)%n",
          perCore,
          perCore / 50_000);
      System.out.printf(
          Locale.ROOT,
          "ratio bridge max / sink alone                 %.2f%n",
          viaBridge.spansPerSecond / direct.spansPerSecond);
      System.out.printf(
          Locale.ROOT,
          "RESULT cpu_pct_at_10k=%.1f rss_mib_at_10k=%d max_spans_per_s=%.0f cores=%d"
              + " sink_max_spans_per_s=%.0f start_refused_pct=%.1f start_delivered_pct=%.1f"
              + " rss_worst_mib=%d%n",
          fixed.cpuCores * 100,
          fixed.rssMiB,
          viaBridge.spansPerSecond,
          Runtime.getRuntime().availableProcessors(),
          direct.spansPerSecond,
          start.refusedPct(),
          start.deliveredInWindowPct(),
          Math.max(stall.worstRssMiB, Math.max(stall.rssMiB, peakRssMiB)));
    } finally {
      bridge.destroy();
      if (!bridge.waitFor(30, TimeUnit.SECONDS)) {
        bridge.destroyForcibly();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  record Result(double spansPerSecond, long refused, double bridgeCpuCores) {}

  /**
   * A fixed-rate phase. {@code deliveredInWindow} counts what reached the sink before the phase
   * ended; {@code deliveredPerSecond} also what the bridge still held then.
   */
  record Rate(
      double deliveredPerSecond,
      double cpuCores,
      long rssMiB,
      double p50Millis,
      double p99Millis,
      long sentSpans,
      long refusedSpans,
      long deliveredInWindow,
      long[] refusedBySecond) {

    double refusedPct() {
      return 100.0 * refusedSpans / Math.max(1, sentSpans);
    }

    double deliveredInWindowPct() {
      return 100.0 * deliveredInWindow / Math.max(1, sentSpans);
    }
  }

  /**
   * Baseline: the senders post the same requests straight to the sink, each sender a chain of
   * requests on one Vert.x context (started from a plain thread, a response can beat its handler).
   */
  static Result direct(Vertx vertx, int sinkPort, ExportTraceServiceRequest request, int seconds)
      throws Exception {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(SENDERS));
    CountDownLatch finished = new CountDownLatch(SENDERS);
    long start = sinkSpans.get();
    long began = System.nanoTime();
    long deadline = began + TimeUnit.SECONDS.toNanos(seconds);
    Context context = vertx.getOrCreateContext();
    for (int i = 0; i < SENDERS; i++) {
      context.runOnContext(v -> send(client, sinkPort, request, deadline, finished));
    }
    if (!finished.await(seconds + 30L, TimeUnit.SECONDS)) {
      throw new IllegalStateException("direct senders did not finish");
    }
    double elapsed = (System.nanoTime() - began) / 1e9;
    client.close();
    return new Result((sinkSpans.get() - start) / elapsed, 0, 0);
  }

  /** One request, then the next, until the deadline. */
  static void send(
      HttpClient client,
      int sinkPort,
      ExportTraceServiceRequest request,
      long deadline,
      CountDownLatch finished) {
    if (System.nanoTime() >= deadline) {
      finished.countDown();
      return;
    }
    // Encoded and compressed per request, as an SDK exporter does.
    Buffer body = Buffer.buffer(gzip(request.toByteArray()));
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(sinkPort)
                .setURI("/v1/traces")
                .putHeader("Content-Type", "application/x-protobuf")
                .putHeader("Content-Encoding", "gzip"))
        .compose(r -> r.send(body).compose(response -> response.body()))
        .onComplete(done -> send(client, sinkPort, request, deadline, finished));
  }

  /** The same senders over OTLP/gRPC to the bridge; counted where the bridge delivers. */
  static Result viaBridge(int grpcPort, ExportTraceServiceRequest request, int seconds, long pid)
      throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    var stub = TraceServiceGrpc.newBlockingStub(channel);
    AtomicLong refused = new AtomicLong();
    long startSpans = sinkSpans.get();
    long startCpu = cpuTicks(pid);
    long began = System.nanoTime();
    long deadline = began + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      Thread sender =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
                  try {
                    stub.withCompression("gzip").export(request);
                  } catch (StatusRuntimeException e) {
                    refused.addAndGet(SPANS_PER_REQUEST); // back off as RetryInfo asks, briefly
                    sleepMillis(20);
                  }
                }
              });
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    double elapsed = (System.nanoTime() - began) / 1e9;
    long cpu = cpuTicks(pid) - startCpu;
    long delivered = sinkSpans.get() - startSpans;
    awaitQuiet();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    return new Result(delivered / elapsed, refused.get(), cpu / (double) CLOCK_TICKS / elapsed);
  }

  /** A steady rate through the bridge: its CPU share, memory and Export latency. */
  static Rate fixedRate(
      int grpcPort, ExportTraceServiceRequest request, int seconds, int spansPerSecond, long pid)
      throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    var stub = TraceServiceGrpc.newFutureStub(channel).withCompression("gzip");
    // Connected, with one call that carries no spans, before the clock starts: otherwise this
    // JVM's cold gRPC client holds its first requests back and sends them as one burst, which a
    // real sender (an SDK exporting one batch at a time) never does.
    stub.export(ExportTraceServiceRequest.getDefaultInstance()).get(30, TimeUnit.SECONDS);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong sentSpans = new AtomicLong();
    AtomicLong refusedSpans = new AtomicLong();
    java.util.concurrent.ConcurrentHashMap<String, Long> refusalCodes = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicLongArray refusedBySecond =
        new java.util.concurrent.atomic.AtomicLongArray(seconds + 1);
    long periodMicros = 1_000_000L * SPANS_PER_REQUEST / spansPerSecond;
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long startSpans = sinkSpans.get();
    long startCpu = cpuTicks(pid);
    long began = System.nanoTime();
    ticker.scheduleAtFixedRate(
        () -> {
          long sent = System.nanoTime();
          sentSpans.addAndGet(SPANS_PER_REQUEST);
          var answer = stub.export(request);
          answer.addListener(
              () -> {
                latencies.add(System.nanoTime() - sent);
                try {
                  answer.get();
                } catch (Exception e) {
                  refusedSpans.addAndGet(SPANS_PER_REQUEST);
                  int second = (int) ((sent - began) / 1_000_000_000L);
                  refusedBySecond.addAndGet(Math.min(second, seconds), SPANS_PER_REQUEST);
                  refusalCodes.merge(io.grpc.Status.fromThrowable(e).getCode().name(), 1L, Long::sum);
                }
              },
              Runnable::run);
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
    TimeUnit.SECONDS.sleep(seconds);
    ticker.shutdownNow();
    double elapsed = (System.nanoTime() - began) / 1e9;
    long cpu = cpuTicks(pid) - startCpu;
    long rss = rssKiB(pid) / 1024;
    long deliveredInWindow = sinkSpans.get() - startSpans;
    if (!refusalCodes.isEmpty()) {
      System.out.println("  refusals by gRPC status: " + refusalCodes);
    }
    awaitQuiet();
    long delivered = sinkSpans.get() - startSpans;
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Rate(
        delivered / elapsed,
        cpu / (double) CLOCK_TICKS / elapsed,
        rss,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        sentSpans.get(),
        refusedSpans.get(),
        deliveredInWindow,
        java.util.stream.IntStream.range(0, seconds)
            .mapToLong(refusedBySecond::get)
            .toArray());
  }

  record Stall(long taken, long refused, long rssMiB, long deliveredAfter, long worstRssMiB) {}

  /**
   * The destination answers 503 for a whole phase: the queue fills to its bound, senders are
   * refused instead of memory growing, and once the destination recovers the queue is delivered.
   */
  static Stall stalled(int grpcPort, ExportTraceServiceRequest request, int seconds, long pid)
      throws Exception {
    sinkStalled = true;
    long before = sinkSpans.get();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    var stub = TraceServiceGrpc.newBlockingStub(channel).withCompression("gzip");
    long taken = 0;
    long refused = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        stub.export(request);
        taken += SPANS_PER_REQUEST;
      } catch (StatusRuntimeException e) {
        refused += SPANS_PER_REQUEST;
        sleepMillis(20);
      }
    }
    long rss = rssKiB(pid) / 1024;
    long worstRss = largestMessagesNextToAFullQueue(grpcPort, seconds, pid);
    sinkStalled = false;
    awaitQuiet();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    return new Stall(taken, refused, rss, sinkSpans.get() - before, worstRss);
  }

  /**
   * The receivers' memory bound: with the queue full, as many senders as the bridge reads at once
   * (bridge.receiver.max-concurrent-requests, 4 by default) send the largest message it takes
   * (just under bridge.receiver.max-body-size, 16 MiB, of incompressible text), again and again.
   * Each is read and parsed before the full queue refuses it. Returns the bridge's peak RSS (MiB),
   * sampled every 50 ms.
   */
  static long largestMessagesNextToAFullQueue(int grpcPort, int seconds, long pid) throws Exception {
    ExportTraceServiceRequest largest = largestRequest();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort)
            .usePlaintext()
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
    var stub = TraceServiceGrpc.newBlockingStub(channel);
    AtomicLong peakKiB = new AtomicLong(rssKiB(pid));
    AtomicLong sent = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < MAX_CONCURRENT_RECEIVES; i++) {
      Thread sender =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
                  try {
                    stub.export(largest);
                  } catch (StatusRuntimeException e) {
                    // refused (the queue is full, or all receive places are taken): send again
                  }
                  sent.incrementAndGet();
                }
              });
      sender.start();
      threads.add(sender);
    }
    while (System.nanoTime() < deadline) {
      peakKiB.accumulateAndGet(rssKiB(pid), Math::max);
      sleepMillis(50);
    }
    for (Thread sender : threads) {
      sender.join();
    }
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    System.out.printf(
        Locale.ROOT,
        "largest messages            %d sent (%,d bytes each) by %d senders next to a full queue,"
            + " bridge peak RSS %d MiB; bridge alive: %s%n",
        sent.get(),
        largest.getSerializedSize(),
        MAX_CONCURRENT_RECEIVES,
        peakKiB.get() / 1024,
        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    return peakKiB.get() / 1024;
  }

  /** The bridge's default bridge.receiver.max-concurrent-requests. */
  static final int MAX_CONCURRENT_RECEIVES = 4;

  /**
   * The bridge's bridge.receiver.max-body-size in MiB: BENCH_MAX_BODY_MIB, default the bridge's own
   * default; set on the bridge when given, and the size of the largest-message phase's messages.
   */
  static final String MAX_BODY_MIB = System.getenv("BENCH_MAX_BODY_MIB");

  static int maxBodyBytes() {
    return (MAX_BODY_MIB == null ? 4 : Integer.parseInt(MAX_BODY_MIB)) * 1024 * 1024;
  }

  /** Just under the bridge's message limit, in spans of random text that gzip cannot shrink. */
  static ExportTraceServiceRequest largestRequest() {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    byte[] text = new byte[16 * 1024];
    var random = ThreadLocalRandom.current();
    int spans = (maxBodyBytes() - 64 * 1024) / (text.length + 64);
    for (int i = 0; i < spans; i++) {
      for (int j = 0; j < text.length; j++) {
        text[j] = (byte) ('a' + random.nextInt(26));
      }
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(new byte[16]))
              .setSpanId(ByteString.copyFrom(new byte[8]))
              .setName("large")
              .addAttributes(attribute("gen_ai.prompt", new String(text, StandardCharsets.US_ASCII))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }

  /** Waits until the sink has seen no request for two seconds (the bridge's 5 s batches drained). */
  static void awaitQuiet() {
    long last = -1;
    long quietSince = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long now = sinkRequests.get();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(6)) {
        return;
      }
      sleepMillis(100);
    }
  }

  /** A minimal OTLP/HTTP endpoint: decompresses, parses, counts spans, answers like Langfuse. */
  static HttpServer startSink(Vertx vertx) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (sinkStalled) {
                    request
                        .response()
                        .setStatusCode(503)
                        .putHeader("Retry-After", "1")
                        .end("{\"message\":\"overloaded\"}");
                    return;
                  }
                  request.body(
                        body -> {
                          try {
                            byte[] bytes = body.result().getBytes();
                            if ("gzip".equals(request.getHeader("Content-Encoding"))) {
                              bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
                            }
                            ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(bytes);
                            long spans = 0;
                            for (ResourceSpans resource : parsed.getResourceSpansList()) {
                              for (ScopeSpans scope : resource.getScopeSpansList()) {
                                spans += scope.getSpansCount();
                              }
                            }
                            sinkSpans.addAndGet(spans);
                            sinkRequests.incrementAndGet();
                            request
                                .response()
                                .putHeader("Content-Type", "application/json")
                                .end("{}");
                          } catch (IOException | RuntimeException | Error e) {
                            if (sinkErrors.getAndIncrement() == 0) {
                              System.err.println("sink could not read a request: " + e);
                            }
                            request.response().setStatusCode(400).end();
                          }
                        });
                });
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Process startBridge(Path jar, int sinkPort, int grpc, int http, int management)
      throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./mvnw -pl otel-bridge package first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(JAVA_OPTS.trim().split("\\s+")));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "otel-bridge-bench.log").toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "BRIDGE_EXPORT_ENDPOINT", "http://127.0.0.1:" + sinkPort,
                "BRIDGE_EXPORT_PUBLIC_KEY", "pk-lf-bench",
                "BRIDGE_EXPORT_SECRET_KEY", "sk-lf-bench",
                "QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpc),
                "QUARKUS_HTTP_PORT", Integer.toString(http),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false",
                // As the image sets it (Dockerfile.jvm).
                "MALLOC_ARENA_MAX", "2"));
    if (MAX_BODY_MIB != null) {
      // In bytes: the gRPC server's inbound message limit follows it and takes no suffix.
      builder.environment().put("BRIDGE_RECEIVER_MAX_BODY_SIZE", Integer.toString(maxBodyBytes()));
    }
    return builder.start();
  }

  /** The bridge's own count of the spans it refused so far, by reason, from its metrics. */
  static void printRejections(int managementPort) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    response
        .body()
        .lines()
        .filter(line -> line.startsWith("otel_bridge_rejected_items_total"))
        .forEach(line -> System.out.println("  bridge: " + line));
  }

  static void awaitReady(int managementPort) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        var response =
            client.send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleepMillis(200);
    }
    throw new IllegalStateException("the bridge did not become ready");
  }

  /** A request of kagent-like LLM spans: GenAI attributes, a prompt and a completion. */
  static ExportTraceServiceRequest request() {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("kagent"));
    byte[] trace = new byte[16];
    ThreadLocalRandom.current().nextBytes(trace);
    String prompt = "Summarise the incident report for the on-call engineer. ".repeat(8);
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      byte[] id = new byte[8];
      ThreadLocalRandom.current().nextBytes(id);
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(trace))
              .setSpanId(ByteString.copyFrom(id))
              .setName("chat claude-sonnet-4")
              .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
              .setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
              .setEndTimeUnixNano(1_700_000_000_500_000_000L + i)
              .addAllAttributes(
                  List.of(
                      attribute("gen_ai.operation.name", "chat"),
                      attribute("gen_ai.request.model", "claude-sonnet-4"),
                      attribute("gen_ai.response.model", "claude-sonnet-4-20250514"),
                      attribute("gen_ai.usage.input_tokens", 1200 + i),
                      attribute("gen_ai.usage.output_tokens", 300 + i),
                      attribute("gen_ai.conversation.id", "session-" + (i % 7)),
                      attribute("gen_ai.prompt", prompt),
                      attribute("gen_ai.completion", "The incident was caused by a full disk."))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(attribute("service.name", "kagent"))
                        .addAttributes(attribute("k8s.namespace.name", "team-a")))
                .addScopeSpans(scope))
        .build();
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static KeyValue attribute(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** utime + stime of a process, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static long rssKiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void sleepMillis(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
