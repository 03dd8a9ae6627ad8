package io.agentic.platform.executor.probe;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A readiness check the tests can turn DOWN, standing in for a dependency that goes away. */
@Readiness
@ApplicationScoped
public class SwitchableReadinessCheck implements HealthCheck {

  static final String NAME = "test-dependency";
  private static volatile boolean up = true;

  static void up() {
    up = true;
  }

  static void down() {
    up = false;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME).status(up).build();
  }
}
