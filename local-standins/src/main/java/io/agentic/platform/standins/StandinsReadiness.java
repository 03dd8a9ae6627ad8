package io.agentic.platform.standins;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every stand-in listens, so a launcher can wait on /q/health/ready alone. */
@Readiness
@ApplicationScoped
class StandinsReadiness implements HealthCheck {

  private final StandinsStartup startup;

  StandinsReadiness(StandinsStartup startup) {
    this.startup = startup;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("stand-ins").status(startup.listening()).build();
  }
}
