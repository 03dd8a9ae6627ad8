package io.agentic.platform.controller.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code controller_reconcile_seconds{outcome}}: how long reconciliations take and how they end
 * (ready, progressing, degraded, invalid, error). The outcome set is fixed, so cardinality stays
 * bounded however many AgentExecutors exist.
 */
@Singleton
public class ReconcileMetrics {

  private final MeterRegistry registry;

  ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String outcome, Duration duration) {
    Timer.builder("controller_reconcile_seconds")
        .description("Reconciliations of AgentExecutors by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .record(duration);
  }
}
