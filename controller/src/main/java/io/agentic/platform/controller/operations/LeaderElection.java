package io.agentic.platform.controller.operations;

import io.agentic.platform.controller.ControllerConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Leader election through a Lease, so that several controller replicas never reconcile the same
 * resource at once. The operator SDK uses it only in the profiles named by {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by default).
 */
public class LeaderElection {

  /** Fired when this replica takes the Lease: work outside the reconcilers starts then. */
  public record Leading() {}

  /** Whether this process elects a leader (else it acts as the only replica from the start). */
  public static boolean active() {
    List<String> electing =
        ConfigProvider.getConfig()
            .getOptionalValues(
                "quarkus.operator-sdk.activate-leader-election-for-profiles", String.class)
            .orElse(List.of("prod"));
    return ConfigUtils.getProfiles().stream().anyMatch(electing::contains);
  }

  // Looked up by the operator SDK at start-up, not injected anywhere, hence unremovable.
  @Produces
  @Singleton
  @Unremovable
  LeaderElectionConfiguration leaderElection(ControllerConfig config, Event<Leading> leading) {
    return new LeaderElectionConfiguration(
        config.leaderElection().leaseName(),
        config.leaderElection().leaseNamespace().orElse(null),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null,
        new LeaderCallbacks(
            () -> leading.fire(new Leading()),
            LeaderElection::exitAfterLosingTheLease,
            leader -> {}),
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
