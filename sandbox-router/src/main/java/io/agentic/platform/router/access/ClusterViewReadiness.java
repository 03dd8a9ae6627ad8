package io.agentic.platform.router.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the namespaces and sandboxes the router checks against have been loaded. */
@Readiness
@ApplicationScoped
class ClusterViewReadiness implements HealthCheck {

  private final NamespacePolicy namespaces;
  private final SandboxVerification sandboxes;

  ClusterViewReadiness(NamespacePolicy namespaces, SandboxVerification sandboxes) {
    this.namespaces = namespaces;
    this.sandboxes = sandboxes;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("cluster-view")
        .status(namespaces.ready() && sandboxes.ready())
        .withData("namespaces", namespaces.ready() ? "loaded" : "loading")
        .withData("sandboxes", sandboxes.ready() ? "loaded" : "loading")
        .build();
  }
}
