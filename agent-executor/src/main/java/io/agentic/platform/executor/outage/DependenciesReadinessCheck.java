package io.agentic.platform.executor.outage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a dependency the runs need is down; the answer names it and the cause. */
@Readiness
@ApplicationScoped
class DependenciesReadinessCheck implements HealthCheck {

  private final Dependencies dependencies;

  DependenciesReadinessCheck(Dependencies dependencies) {
    this.dependencies = dependencies;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("run-dependencies").up();
    dependencies
        .down()
        .forEach((dependency, reason) -> response.down().withData(dependency.label(), reason));
    return response.build();
  }
}
