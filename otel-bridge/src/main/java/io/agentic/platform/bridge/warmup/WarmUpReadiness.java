package io.agentic.platform.bridge.warmup;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the bridge warms up, so no traffic is routed to a replica that would refuse it. */
@Readiness
@Singleton
class WarmUpReadiness implements HealthCheck {

  private final WarmUp warmUp;

  WarmUpReadiness(WarmUp warmUp) {
    this.warmUp = warmUp;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("otel-bridge warm-up").status(warmUp.done()).build();
  }
}
