package io.agentic.platform.memory.metrics;

import io.agentic.platform.memory.MemoryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency histograms per operation and outcome, for gateway operations and for each upstream
 * attempt. The tenant is a label only when the configuration bounds its values.
 */
@ApplicationScoped
public class GatewayMetrics {

  static final String OPERATIONS = "memory_gateway.operations";
  static final String UPSTREAM = "memory_gateway.upstream.requests";
  static final String OTHER_TENANT = "other";

  private final MeterRegistry registry;
  private final Optional<Set<String>> tenantLabelValues;
  private final Map<TimerKey, Timer> operationTimers = new ConcurrentHashMap<>();
  private final Map<TimerKey, Timer> upstreamTimers = new ConcurrentHashMap<>();

  /**
   * Finds a timer without building its tags: Tags.of sorts and allocates, which on every request
   * cost more than the recording itself. Tags are built only when a timer is first registered.
   */
  private record TimerKey(String operation, String outcome, String tenant) {}

  GatewayMetrics(MeterRegistry registry, MemoryConfig config) {
    this.registry = registry;
    this.tenantLabelValues = config.metrics().tenantLabelValues();
  }

  /** One gateway operation as the caller saw it. */
  public void operation(String operation, String outcome, String tenant, long nanos) {
    String tenantLabel =
        tenantLabelValues
            .map(values -> tenant != null && values.contains(tenant) ? tenant : OTHER_TENANT)
            .orElse(null);
    operationTimers
        .computeIfAbsent(
            new TimerKey(operation, outcome, tenantLabel),
            key -> {
              Tags tags = Tags.of("operation", key.operation(), "outcome", key.outcome());
              if (key.tenant() != null) {
                tags = tags.and("tenant", key.tenant());
              }
              return Timer.builder(OPERATIONS)
                  .description("Memory gateway operations by outcome")
                  .tags(tags)
                  .publishPercentileHistogram()
                  .register(registry);
            })
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One attempt of a call to EverMemOS (a retried call records each attempt). */
  public void upstream(String operation, String outcome, long nanos) {
    upstreamTimers
        .computeIfAbsent(
            new TimerKey(operation, outcome, null),
            key ->
                Timer.builder(UPSTREAM)
                    .description("Calls to EverMemOS by outcome")
                    .tags("operation", key.operation(), "outcome", key.outcome())
                    .publishPercentileHistogram()
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
