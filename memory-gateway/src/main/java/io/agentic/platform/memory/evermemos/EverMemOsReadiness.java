package io.agentic.platform.memory.evermemos;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while EverMemOS's /health answers healthy. */
@Readiness
@ApplicationScoped
class EverMemOsReadiness implements AsyncHealthCheck {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final UpstreamClient upstream;

  EverMemOsReadiness(UpstreamClient upstream) {
    this.upstream = upstream;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return upstream
        .healthy(PROBE_TIMEOUT)
        .map(
            healthy ->
                HealthCheckResponse.named("evermemos")
                    .status(healthy)
                    .withData("circuit-breaker", upstream.breakerState().name().toLowerCase())
                    .build());
  }
}
