package io.agentic.platform.controller.operations;

import io.agentic.platform.controller.ControllerConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election through a Lease, so that several controller replicas never reconcile the same
 * resource at once. The operator SDK uses it only in the profiles named by {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by default).
 */
public class LeaderElection {

  // Looked up by the operator SDK at start-up, not injected anywhere, hence unremovable.
  @Produces
  @Singleton
  @Unremovable
  LeaderElectionConfiguration leaderElection(ControllerConfig config) {
    return new LeaderElectionConfiguration(
        config.leaderElection().leaseName(),
        config.leaderElection().leaseNamespace().orElse(null),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null,
        new LeaderCallbacks(() -> {}, LeaderElection::exitAfterLosingTheLease, leader -> {}),
        false);
  }

  /**
   * A replica that lost the Lease must stop so it can restart and contend again. The operator SDK's
   * own exit runs System.exit on the thread that reports the loss, which is the shutdown hook when
   * the loss is caused by a SIGTERM, and blocks it forever. From a thread of its own, the exit ends
   * the process in normal operation and simply waits while a shutdown is already under way.
   */
  private static void exitAfterLosingTheLease() {
    Thread exit = new Thread(() -> System.exit(1), "lease-lost-exit");
    exit.setDaemon(true);
    exit.start();
  }
}
