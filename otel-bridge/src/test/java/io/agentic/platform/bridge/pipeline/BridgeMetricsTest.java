package io.agentic.platform.bridge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.bridge.signal.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BridgeMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BridgeMetrics metrics = new BridgeMetrics(registry);

  @Test
  void repeatedCountsAddUpInOneSeriesPerSignalAndLabel() {
    metrics.received(Signal.TRACES, "grpc", 100);
    metrics.received(Signal.TRACES, "grpc", 20);
    metrics.received(Signal.TRACES, "http", 3);
    metrics.received(Signal.LOGS, "grpc", 7);
    metrics.dropped(Signal.TRACES, "shutdown", 5);
    metrics.dropped(Signal.TRACES, "drop_oldest", 6);
    metrics.exported(Signal.TRACES, 50);
    metrics.exported(Signal.TRACES, 70);

    assertEquals(120.0, count("otel_bridge.received.items", "traces", "transport", "grpc"));
    assertEquals(3.0, count("otel_bridge.received.items", "traces", "transport", "http"));
    assertEquals(7.0, count("otel_bridge.received.items", "logs", "transport", "grpc"));
    assertEquals(5.0, count("otel_bridge.dropped.items", "traces", "reason", "shutdown"));
    assertEquals(6.0, count("otel_bridge.dropped.items", "traces", "reason", "drop_oldest"));
    assertEquals(
        120.0,
        registry.get("otel_bridge.exported.items").tag("signal", "traces").counter().count());
    assertEquals(1, registry.find("otel_bridge.exported.items").counters().size());
  }

  @Test
  void exportDurationsAreRecordedPerOutcome() {
    metrics.exportRequest(Signal.TRACES, "success", TimeUnit.MILLISECONDS.toNanos(10));
    metrics.exportRequest(Signal.TRACES, "success", TimeUnit.MILLISECONDS.toNanos(30));
    metrics.exportRequest(Signal.TRACES, "retryable", TimeUnit.MILLISECONDS.toNanos(5));

    var success =
        registry
            .get("otel_bridge.export.duration")
            .tags("signal", "traces", "outcome", "success")
            .timer();
    assertEquals(2, success.count());
    assertEquals(40.0, success.totalTime(TimeUnit.MILLISECONDS));
    var retryable =
        registry
            .get("otel_bridge.export.duration")
            .tags("signal", "traces", "outcome", "retryable")
            .timer();
    assertEquals(1, retryable.count());
  }

  @Test
  void everyCounterOfASignalExistsAtZeroBeforeAnythingHappens() {
    metrics.exportAtZero(Signal.TRACES);

    for (String reason : BridgeMetrics.DROP_REASONS) {
      assertEquals(0.0, count("otel_bridge.dropped.items", "traces", "reason", reason), reason);
    }
    for (String reason : BridgeMetrics.REJECT_REASONS) {
      assertEquals(0.0, count("otel_bridge.rejected.items", "traces", "reason", reason), reason);
    }
    for (String transport : BridgeMetrics.TRANSPORTS) {
      assertEquals(0.0, count("otel_bridge.received.items", "traces", "transport", transport));
    }
    assertEquals(
        0.0, registry.get("otel_bridge.exported.items").tag("signal", "traces").counter().count());
    assertEquals(
        0.0, registry.get("otel_bridge.retried.items").tag("signal", "traces").counter().count());
  }

  private double count(String name, String signal, String label, String value) {
    return registry.get(name).tags("signal", signal, label, value).counter().count();
  }
}
