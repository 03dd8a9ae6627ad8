package io.agentic.platform.controller;

import io.agentic.platform.testsupport.RunningJar;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged controller, holding the Lease, stops on SIGTERM as a pod being deleted must. */
class LeaderShutdownIT {

  @Test
  void theLeaderExitsOnSigterm() throws Exception {
    KubernetesServer server =
        new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
    server.before();
    try {
      new ProductionLikeCluster().accept(server);
      try (RunningJar controller =
          ControllerJar.against(
                  server.getClient().getConfiguration().getMasterUrl(), "leader-shutdown")
              .start()) {
        controller.waitUntil(
            "the Lease to be held",
            () -> !server.getClient().leases().inNamespace("test").list().getItems().isEmpty(),
            Duration.ofSeconds(60));
        // Nothing to drain: the Lease should be free for the next replica within seconds.
        controller.stop(Duration.ofSeconds(10));
      }
    } finally {
      server.after();
    }
  }
}
