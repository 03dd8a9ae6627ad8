package io.agentic.platform.bridge.pipeline;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports each queue's fill and destination; UP while the bridge runs (Quarkus turns readiness DOWN
 * itself during the shutdown delay). Neither a full queue nor a failing destination makes it DOWN:
 * with one replica that would turn senders' retryable 429 / RESOURCE_EXHAUSTED into refused
 * connections, and with several it would only move the load onto replicas exporting to the same
 * destination. The metrics and the log say when a destination is failing.
 */
@Readiness
@Singleton
class QueueReadiness implements HealthCheck {

  private final Pipelines pipelines;

  QueueReadiness(Pipelines pipelines) {
    this.pipelines = pipelines;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("otel-bridge queues").up();
    for (Pipeline<?, ?> pipeline : pipelines.all()) {
      String name = pipeline.signal().name();
      response.withData(name + ".items", pipeline.items());
      response.withData(name + ".capacity.items", pipeline.limits().queueItems());
      response.withData(name + ".bytes", pipeline.bytes());
      response.withData(name + ".destination", pipeline.exporter().destination());
      response.withData(name + ".failing.seconds", pipeline.failingFor().toSeconds());
    }
    return response.build();
  }
}
