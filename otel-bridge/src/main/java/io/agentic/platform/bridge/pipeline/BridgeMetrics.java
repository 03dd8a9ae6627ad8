package io.agentic.platform.bridge.pipeline;

import io.agentic.platform.bridge.signal.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The bridge's own metrics, all labelled with {@code signal} and at most one more label from a
 * fixed set of values. Every item that is received ends up exported or dropped (with a reason);
 * every item turned away at the door is counted as rejected (with a reason).
 *
 * <p>Meters are registered once per name and labels and kept: building and registering one looks it
 * up by sorted tags, which on every request and export cost more than the increment itself.
 */
@Singleton
public class BridgeMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<Labels, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<Labels, Timer> timers = new ConcurrentHashMap<>();

  /** A meter's name, its signal and its one other label (empty name and value for none). */
  private record Labels(String meter, Signal<?, ?> signal, String label, String value) {}

  static final List<String> TRANSPORTS = List.of("grpc", "http");
  static final List<String> REJECT_REASONS = List.of("queue_full", "too_large", "shutting_down");
  static final List<String> DROP_REASONS =
      List.of(
          "partial_success",
          "non_retryable",
          "retries_exhausted",
          "too_large",
          "drop_oldest",
          "shutdown");

  public BridgeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers every counter of a signal at 0, so that a dashboard's rates and sums over them have a
   * series before the first item is dropped or rejected, rather than no data.
   */
  void exportAtZero(Signal<?, ?> signal) {
    TRANSPORTS.forEach(t -> received(signal, t, 0));
    REJECT_REASONS.forEach(r -> rejected(signal, r, 0));
    DROP_REASONS.forEach(r -> dropped(signal, r, 0));
    retried(signal, 0);
    exported(signal, 0);
  }

  /** Items taken into the queue, by transport ({@code grpc}, {@code http}). */
  void received(Signal<?, ?> signal, String transport, long items) {
    counter(
            new Labels("otel_bridge.received.items", signal, "transport", transport),
            "Items (spans, data points, log records) accepted from senders")
        .increment(items);
  }

  /** Items a sender was told to send again later (backpressure), or not at all. */
  void rejected(Signal<?, ?> signal, String reason, long items) {
    counter(
            new Labels("otel_bridge.rejected.items", signal, "reason", reason),
            "Items rejected at the receiver: queue_full, too_large, shutting_down")
        .increment(items);
  }

  /** Items in a batch whose export failed retryably and is scheduled again. */
  void retried(Signal<?, ?> signal, long items) {
    counter(
            new Labels("otel_bridge.retried.items", signal, "", ""),
            "Items whose export is retried after a retryable failure")
        .increment(items);
  }

  void exported(Signal<?, ?> signal, long items) {
    counter(
            new Labels("otel_bridge.exported.items", signal, "", ""),
            "Items the destination accepted")
        .increment(items);
  }

  /** Items accepted from a sender that will never reach the destination. */
  void dropped(Signal<?, ?> signal, String reason, long items) {
    counter(
            new Labels("otel_bridge.dropped.items", signal, "reason", reason),
            "Items lost after acceptance: partial_success, non_retryable, retries_exhausted,"
                + " too_large, drop_oldest, shutdown")
        .increment(items);
  }

  void exportRequest(Signal<?, ?> signal, String outcome, long nanos) {
    timers
        .computeIfAbsent(
            new Labels("otel_bridge.export.duration", signal, "outcome", outcome),
            labels ->
                Timer.builder(labels.meter())
                    .description(
                        "Export requests by outcome: success, partial_success, retryable,"
                            + " too_large, failed")
                    .tags(tags(labels))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter counter(Labels labels, String description) {
    return counters.computeIfAbsent(
        labels,
        key ->
            Counter.builder(key.meter())
                .description(description)
                .tags(tags(key))
                .register(registry));
  }

  private static String[] tags(Labels labels) {
    return labels.label().isEmpty()
        ? new String[] {"signal", labels.signal().name()}
        : new String[] {"signal", labels.signal().name(), labels.label(), labels.value()};
  }

  <T> void queueGauge(
      Signal<?, ?> signal, String name, String description, T owner, ToDoubleFunction<T> value) {
    Gauge.builder("otel_bridge.queue." + name, owner, value)
        .description(description)
        .tags("signal", signal.name())
        .strongReference(true)
        .register(registry);
  }

  /** How long the destination has been failing, 0 while it is not. */
  <T> void destinationFailingGauge(Signal<?, ?> signal, T owner, ToDoubleFunction<T> seconds) {
    Gauge.builder("otel_bridge.destination.failing.seconds", owner, seconds)
        .description(
            "Seconds since the destination's first retryable failure with no success since; 0"
                + " while it is not failing")
        .tags("signal", signal.name())
        .strongReference(true)
        .register(registry);
  }
}
