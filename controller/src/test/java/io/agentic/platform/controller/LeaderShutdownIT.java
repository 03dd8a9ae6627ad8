package io.agentic.platform.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged controller, holding the Lease, stops on SIGTERM as a pod being deleted must. */
class LeaderShutdownIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  @Test
  void theLeaderExitsOnSigterm() throws Exception {
    KubernetesServer server =
        new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
    server.before();
    Path output = Path.of("target", "leader-shutdown.log");
    Process process = null;
    try {
      new ProductionLikeCluster().accept(server);
      process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dkubernetes.master=" + server.getClient().getConfiguration().getMasterUrl(),
                  "-Dkubernetes.auth.tryKubeConfig=false",
                  "-Dkubernetes.auth.tryServiceAccount=false",
                  "-Dkubernetes.namespace=test",
                  "-Dquarkus.http.port=0",
                  "-Dquarkus.management.port=0",
                  "-Dquarkus.otel.sdk.disabled=true",
                  "-jar",
                  JAR.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> !server.getClient().leases().inNamespace("test").list().getItems().isEmpty());

      process.destroy();
      // Nothing to drain: the Lease should be free for the next replica within seconds.
      boolean exited = process.waitFor(10, TimeUnit.SECONDS);
      assertTrue(
          exited, "the leader was still running 10 s after SIGTERM:\n" + Files.readString(output));
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      server.after();
    }
  }
}
