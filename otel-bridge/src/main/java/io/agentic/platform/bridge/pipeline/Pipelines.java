package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.export.ExportTargets;
import io.agentic.platform.bridge.export.Exporter;
import io.agentic.platform.bridge.signal.Signal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The pipelines of the enabled signals; receivers hand requests here. Created at startup, so that a
 * bad export configuration stops the bridge before it takes any traffic.
 */
@Startup
@Singleton
public class Pipelines {

  private static final Logger LOG = Logger.getLogger(Pipelines.class);

  private final Map<Signal<?, ?>, Pipeline<?, ?>> bySignal = new LinkedHashMap<>();
  private final HttpClient client;
  private final BridgeConfig config;

  Pipelines(BridgeConfig config, Vertx vertx, BridgeMetrics metrics) {
    this.config = config;
    ExportTargets targets = new ExportTargets(config.export());
    List<Signal<?, ?>> enabled = Signal.all().stream().filter(targets::enabled).toList();
    this.client = targets.client(vertx, enabled.size());
    Pipeline.Limits limits = limits(config);
    Backoff backoff = Backoff.of(config.retry());
    for (Signal<?, ?> signal : enabled) {
      bySignal.put(
          signal,
          create(signal, targets.exporter(vertx, client, signal), vertx, metrics, limits, backoff));
    }
    for (Pipeline<?, ?> pipeline : bySignal.values()) {
      LOG.infof(
          "Exporting %s to %s (%s)",
          pipeline.signal().name(),
          pipeline.exporter().destination(),
          targets.authenticated() ? "with an Authorization header" : "without credentials");
    }
  }

  private static <R extends Message, E extends Message> Pipeline<R, E> create(
      Signal<R, E> signal,
      Exporter exporter,
      Vertx vertx,
      BridgeMetrics metrics,
      Pipeline.Limits limits,
      Backoff backoff) {
    return new Pipeline<>(signal, exporter, vertx, metrics, limits, backoff);
  }

  /**
   * A pipeline built as the bridge builds its own, around another exporter and metrics: the
   * warm-up's rehearsal runs the same code without touching the real queues or meters.
   */
  public static <R extends Message, E extends Message> Pipeline<R, E> detached(
      Signal<R, E> signal,
      Exporter exporter,
      Vertx vertx,
      BridgeMetrics metrics,
      BridgeConfig config) {
    return create(signal, exporter, vertx, metrics, limits(config), Backoff.of(config.retry()));
  }

  static Pipeline.Limits limits(BridgeConfig config) {
    int size = config.batch().sendBatchSize();
    int maxSize = config.batch().sendBatchMaxSize();
    if (size < 1 || maxSize < 0 || (maxSize > 0 && maxSize < size)) {
      throw new IllegalArgumentException(
          "bridge.batch.send-batch-max-size ("
              + maxSize
              + ") must be 0 (no cap) or at least bridge.batch.send-batch-size ("
              + size
              + "), which must be at least 1");
    }
    long maxBody = config.receiver().maxBodySize().asLongValue();
    if (maxBody > config.queue().maxBytes().asLongValue()) {
      throw new IllegalArgumentException(
          "bridge.receiver.max-body-size ("
              + maxBody
              + ") must not exceed bridge.queue.max-bytes ("
              + config.queue().maxBytes().asLongValue()
              + "): a larger message could never be queued");
    }
    if (config.receiver().maxConcurrentRequests() < 1) {
      throw new IllegalArgumentException(
          "bridge.receiver.max-concurrent-requests must be at least 1");
    }
    return new Pipeline.Limits(
        size,
        maxSize,
        config.batch().maxBytes().asLongValue(),
        config.batch().timeout(),
        config.queue().maxItems(),
        config.queue().maxBytes().asLongValue(),
        config.queue().dropOldest(),
        config.export().concurrency(),
        config.retry().enabled(),
        config.retry().maxElapsedTime());
  }

  /** Hands a request to its signal's pipeline. */
  @SuppressWarnings("unchecked")
  public <R extends Message> Offer offer(Signal<R, ?> signal, R request, String transport) {
    Pipeline<R, ?> pipeline = (Pipeline<R, ?>) bySignal.get(signal);
    return pipeline == null ? Offer.DISABLED : pipeline.offer(request, transport);
  }

  /** Whether the bridge receives and exports this signal. */
  public boolean carries(Signal<?, ?> signal) {
    return bySignal.containsKey(signal);
  }

  public Collection<Pipeline<?, ?>> all() {
    return bySignal.values();
  }

  /**
   * Exports what is held before the process ends, all signals at once; each pipeline logs what it
   * could not send.
   */
  void stop(@Observes ShutdownEvent event) {
    List<CompletableFuture<Void>> drains = new ArrayList<>();
    for (Pipeline<?, ?> pipeline : bySignal.values()) {
      drains.add(
          CompletableFuture.runAsync(
              () ->
                  pipeline.logShutdown(
                      pipeline.drain(config.drainTimeout()), config.drainTimeout())));
    }
    CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new)).join();
    client.close();
  }
}
