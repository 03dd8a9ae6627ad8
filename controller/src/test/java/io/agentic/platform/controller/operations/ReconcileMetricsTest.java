package io.agentic.platform.controller.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcileMetricsTest {

  @Test
  void reconcileDurationsHaveBucketsForPercentiles() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ReconcileMetrics(registry).record("ready", Duration.ofMillis(40));

    // What the chart's dashboard computes its reconcile p95 from: a dozen buckets and +Inf.
    String scrape = registry.scrape();
    assertTrue(scrape.contains(bucket("0.025") + " 0.0"), scrape);
    assertTrue(scrape.contains(bucket("0.05") + " 1.0"), scrape);
    assertTrue(scrape.contains(bucket("+Inf") + " 1.0"), scrape);
    assertEquals(13, scrape.lines().filter(l -> l.startsWith(bucket(""))).count(), scrape);
  }

  private static String bucket(String le) {
    String line = "controller_reconcile_seconds_bucket{outcome=\"ready\",le=\"" + le;
    return le.isEmpty() ? line : line + "\",}";
  }
}
