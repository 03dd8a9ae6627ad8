package io.agentic.platform.router.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The router's own meters. Tags are bounded sets (method, status class, reason, direction): a
 * sandbox id or namespace never becomes a label, so the series count does not grow with tenants.
 */
@Singleton
public class ProxyMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger activeRequests = new AtomicInteger();
  private final AtomicInteger activeWebSockets = new AtomicInteger();
  private final Counter bytesFromCallers;
  private final Counter bytesToCallers;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
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
    String statusClass = status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    // Looked up once per method and status class: building and registering a timer per request
    // costs more than the rest of the bookkeeping together.
    timers
        .computeIfAbsent(new TimerKey(knownMethod(method), statusClass), this::timer)
        .record(elapsed);
  }

  private record TimerKey(String method, String statusClass) {}

  private Timer timer(TimerKey key) {
    return Timer.builder("router.requests")
        .description("Proxied requests by method and status class, with their duration")
        .tag("method", key.method())
        .tag("status", key.statusClass())
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

  /** Arbitrary method tokens from clients must not create new series. */
  private static String knownMethod(String method) {
    return switch (method) {
      case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT" -> method;
      default -> "OTHER";
    };
  }
}
