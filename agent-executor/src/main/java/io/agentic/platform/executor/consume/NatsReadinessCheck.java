package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while connected to NATS and bound to the durable consumer; says why when it cannot connect.
 */
@Readiness
@ApplicationScoped
class NatsReadinessCheck implements HealthCheck {

  private final NatsClient nats;
  private final ExecutorConfig config;

  NatsReadinessCheck(NatsClient nats, ExecutorConfig config) {
    this.nats = nats;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    boolean serving = config.mode() == ExecutorConfig.Mode.SERVE;
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("nats-consumer").status(!serving || nats.ready());
    String failure = nats.lastFailure();
    if (serving && failure != null) {
      // Why it cannot connect, e.g. "Authorization Violation": the operator's first question.
      response.withData("error", failure);
    }
    String serverError = nats.lastServerError();
    if (serverError != null && !nats.ready()) {
      response.withData("serverError", serverError);
    }
    return response.build();
  }
}
