package io.agentic.platform.bridge.warmup;

import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.export.ExportTargets;
import io.agentic.platform.bridge.export.OtlpHttpExporter;
import io.agentic.platform.bridge.pipeline.BridgeMetrics;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.pipeline.Pipeline;
import io.agentic.platform.bridge.pipeline.Pipelines;
import io.agentic.platform.bridge.signal.EncodedRequest;
import io.agentic.platform.bridge.signal.EncodedResource;
import io.agentic.platform.bridge.signal.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Rehearses the path every span takes, before readiness turns UP: sample spans are parsed from gzip
 * as both receivers parse them, queued, batched, encoded, compressed and posted by a pipeline and
 * exporter built like the real ones, to a {@link RehearsalSink} on loopback. A fresh JVM runs this
 * code interpreted until its compiler has seen enough of it; without the rehearsal, the first
 * seconds of real load found the receivers slow enough to refuse a tenth to a quarter of the spans.
 * Then each receiver is called, on loopback, with requests that hold no spans ({@link
 * ReceiverRehearsal}). It stops once its rate is steady (two rounds in a row within a tenth) or
 * after {@code bridge.warm-up.max-duration}; the rehearsal's queue and meters are its own, and
 * nothing of it reaches the destination.
 */
@Startup
@Singleton
public class WarmUp {

  private static final Logger LOG = Logger.getLogger(WarmUp.class);

  private static final int REQUESTS_PER_ROUND = 50;
  private static final int MIN_ROUNDS = 40;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final int RECEIVER_CALLS = 200;
  private static final long HELD_BYTES = 2 * 1024 * 1024;

  private final BridgeConfig config;
  private final Vertx vertx;
  private volatile boolean done;

  WarmUp(BridgeConfig config, Vertx vertx, Pipelines pipelines) {
    this.config = config;
    this.vertx = vertx;
    this.done = !config.warmUp().enabled() || !pipelines.carries(Signal.TRACES);
  }

  /** Once the receivers listen, rehearses on a thread of its own; readiness waits for it. */
  void start(@Observes StartupEvent event) {
    if (done) {
      return;
    }
    Thread rehearsal = new Thread(this::rehearse, "otel-bridge-warm-up");
    rehearsal.setDaemon(true);
    rehearsal.start();
  }

  /** Whether the bridge may report ready: the rehearsal is over, or was not wanted. */
  public boolean done() {
    return done;
  }

  private void rehearse() {
    long start = System.nanoTime();
    long deadline = start + config.warmUp().maxDuration().toNanos();
    long spans = 0;
    int rounds = 0;
    ExportTargets targets = new ExportTargets(config.export());
    HttpClient client = targets.client(vertx, 1);
    try (RehearsalSink sink = RehearsalSink.start(vertx)) {
      Pipeline<EncodedRequest, EncodedResource> pipeline =
          Pipelines.detached(
              Signal.TRACES,
              new OtlpHttpExporter(
                  vertx,
                  client,
                  Signal.TRACES,
                  sink.endpoint(Signal.TRACES.path()),
                  MultiMap.caseInsensitiveMultiMap(),
                  config.export().compression() == BridgeConfig.Compression.GZIP,
                  config.export().compressionLevel(),
                  config.export().timeout()),
              vertx,
              new BridgeMetrics(new SimpleMeterRegistry()),
              config);
      byte[] gzipped = SampleTraces.gzippedRequest();
      double previousRate = 0;
      while (System.nanoTime() < deadline) {
        rounds++;
        long roundStart = System.nanoTime();
        for (int i = 0; i < REQUESTS_PER_ROUND && System.nanoTime() < deadline; i++) {
          EncodedRequest request = parse(gzipped, i % 2 == 0);
          // A few batches held at a time are enough to run the code: a full queue would only grow
          // the heap, and the pod's RSS with it, for good.
          while (pipeline.bytes() > HELD_BYTES && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
          }
          while (pipeline.offer(request, "grpc") == Offer.FULL && System.nanoTime() < deadline) {
            LockSupport.parkNanos(2_000_000);
          }
          spans += SampleTraces.SPANS_PER_REQUEST;
        }
        double rate = REQUESTS_PER_ROUND / ((System.nanoTime() - roundStart) / 1e9);
        if (rounds >= MIN_ROUNDS && Math.abs(rate - previousRate) <= 0.1 * previousRate) {
          break;
        }
        previousRate = rate;
      }
      pipeline.drain(DRAIN_TIMEOUT);
      ReceiverRehearsal.grpc(port("quarkus.grpc.server"), RECEIVER_CALLS);
      int httpPort = port("quarkus.http");
      if (httpPort > 0) {
        ReceiverRehearsal.http(httpPort, RECEIVER_CALLS);
      }
      LOG.infof(
          "Warmed up in %.1f s: %d sample spans through the receive and export path (%d rounds),"
              + " none of them exported, and %d calls without spans to each receiver",
          (System.nanoTime() - start) / 1e9, spans, rounds, RECEIVER_CALLS);
    } catch (Exception e) {
      LOG.warnf(
          "The warm-up stopped early (%s); the bridge starts cold and may refuse some spans at first",
          e.toString());
    } finally {
      client.close();
      done = true;
    }
  }

  /** The port a server of the bridge listens on; in tests, its test port (0 when unknown). */
  private static int port(String server) {
    Config settings = ConfigProvider.getConfig();
    String key = server + (LaunchMode.current() == LaunchMode.TEST ? ".test-port" : ".port");
    return settings.getOptionalValue(key, Integer.class).orElse(0);
  }

  /** As the HTTP receiver parses (from the inflating stream) or as gRPC does (from the bytes). */
  private static EncodedRequest parse(byte[] gzipped, boolean streamed) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return streamed ? Signal.TRACES.parse(in) : Signal.TRACES.parse(in.readAllBytes());
    }
  }
}
