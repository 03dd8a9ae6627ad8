package io.agentic.platform.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Configuration of the controller itself; every key is documented in the module README. */
@ConfigMapping(prefix = "controller")
public interface ControllerConfig {

  LeaderElection leaderElection();

  Tenants tenants();

  interface Tenants {
    /**
     * {@code CONTROLLER_TENANTS_PLATFORM_NAMESPACE}: the platform's namespace (the chart's release
     * namespace), whose pods may connect into tenant namespaces; without it only a namespace's own
     * pods may.
     */
    Optional<String> platformNamespace();
  }

  interface LeaderElection {
    /** Name of the Lease that replicas of the controller compete for. */
    @WithDefault("agentic-platform-controller")
    String leaseName();

    /**
     * Namespace of the Lease; defaults to the controller's own namespace (read from its service
     * account when it runs in a pod).
     */
    Optional<String> leaseNamespace();
  }
}
