package io.agentic.platform.bridge.pipeline;

import io.agentic.platform.bridge.BridgeConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every signal's queue has room for another full batch and no signal's destination has
 * been failing (retryable failures, no success in between) for longer than {@code
 * bridge.readiness.export-failing-threshold}. Short outages are what the queue rides out; a long
 * one, or a full queue, should send new connections to replicas that can still deliver.
 */
@Readiness
@Singleton
class QueueReadiness implements HealthCheck {

  private final Pipelines pipelines;
  private final Duration failingThreshold;

  QueueReadiness(Pipelines pipelines, BridgeConfig config) {
    this.pipelines = pipelines;
    this.failingThreshold = config.readiness().exportFailingThreshold();
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
      if (!ready(pipeline, failingThreshold)) {
        response.down();
      }
    }
    return response.build();
  }

  static boolean ready(Pipeline<?, ?> pipeline, Duration failingThreshold) {
    return pipeline.hasRoomForBatch() && pipeline.failingFor().compareTo(failingThreshold) <= 0;
  }
}
