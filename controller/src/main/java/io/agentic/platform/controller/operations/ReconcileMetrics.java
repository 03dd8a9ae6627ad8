package io.agentic.platform.controller.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code controller_reconcile_seconds{outcome}}: how long reconciliations take and how they end
 * (ready, progressing, degraded, invalid, error), with histogram buckets. The outcome set is fixed,
 * so cardinality stays bounded however many AgentExecutors exist.
 */
@Singleton
public class ReconcileMetrics {

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
  };

  private final MeterRegistry registry;

  ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String outcome, Duration duration) {
    Timer.builder("controller_reconcile_seconds")
        .description("Reconciliations of AgentExecutors by outcome")
        .tag("outcome", outcome)
        // Buckets, so that percentiles (the dashboard's reconcile p95) can be computed across
        // replicas: a dozen over the range a reconciliation takes, not Micrometer's seventy.
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(duration);
  }
}
