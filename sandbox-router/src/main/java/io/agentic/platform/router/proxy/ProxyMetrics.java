package io.agentic.platform.router.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The router's own meters. Tags are bounded sets (method, status class, reason, direction): a
 * sandbox id or namespace never becomes a label, so the series count does not grow with tenants.
 */
@Singleton
public class ProxyMetrics {

  private static final List<String> METHODS =
      List.of(
          "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "OTHER");
  private static final List<String> STATUS_CLASSES =
      List.of("1xx", "2xx", "3xx", "4xx", "5xx", "other");

  private final MeterRegistry registry;
  private final AtomicInteger activeRequests = new AtomicInteger();
  private final AtomicInteger activeWebSockets = new AtomicInteger();
  private final Counter bytesFromCallers;
  private final Counter bytesToCallers;

  /** By method and status class, registered on first use. */
  private final AtomicReferenceArray<Timer> timers =
      new AtomicReferenceArray<>(METHODS.size() * STATUS_CLASSES.size());

  private final Map<String, Counter> connectFailures = new ConcurrentHashMap<>();

  ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("router.requests.active", activeRequests);
    registry.gauge("router.websockets.active", activeWebSockets);
    this.bytesFromCallers =
        Counter.builder("router.bytes")
            .description("Body and tunnel bytes relayed, by direction")
            .baseUnit("bytes")
            .tag("direction", "to_sandbox")
            .register(registry);
    this.bytesToCallers =
        Counter.builder("router.bytes")
            .description("Body and tunnel bytes relayed, by direction")
            .baseUnit("bytes")
            .tag("direction", "to_caller")
            .register(registry);
  }

  void requestCompleted(String method, int status, Duration elapsed) {
    int methodIndex = METHODS.indexOf(method);
    if (methodIndex < 0) {
      // Arbitrary method tokens from clients must not create new series.
      methodIndex = METHODS.size() - 1;
    }
    int statusIndex = status >= 100 && status < 600 ? status / 100 - 1 : STATUS_CLASSES.size() - 1;
    // Looked up once per method and status class: building and registering a timer per request
    // costs more than the rest of the bookkeeping together.
    int slot = methodIndex * STATUS_CLASSES.size() + statusIndex;
    Timer timer = timers.get(slot);
    if (timer == null) {
      // Registering the same meter twice yields the same timer, so a race here is harmless.
      timer = timer(METHODS.get(methodIndex), STATUS_CLASSES.get(statusIndex));
      timers.set(slot, timer);
    }
    timer.record(elapsed);
  }

  private Timer timer(String method, String statusClass) {
    return Timer.builder("router.requests")
        .description("Proxied requests by method and status class, with their duration")
        .tag("method", method)
        .tag("status", statusClass)
        .publishPercentileHistogram()
        .register(registry);
  }

  void upstreamConnectFailed(String reason) {
    // During an outage every dial fails: look the counter up once per reason, not per failure.
    connectFailures
        .computeIfAbsent(
            reason, tag -> registry.counter("router.upstream.connect.failures", "reason", tag))
        .increment();
  }

  void requestOpened() {
    activeRequests.incrementAndGet();
  }

  void requestClosed() {
    activeRequests.decrementAndGet();
  }

  /** Requests and tunnels in progress. */
  int activeRequests() {
    return activeRequests.get();
  }

  void webSocketOpened() {
    activeWebSockets.incrementAndGet();
  }

  void webSocketClosed() {
    activeWebSockets.decrementAndGet();
  }

  void bytes(boolean toSandbox, long count) {
    (toSandbox ? bytesFromCallers : bytesToCallers).increment(count);
  }
}
