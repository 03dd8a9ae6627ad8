package io.agentic.platform.controller;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.testsupport.RunningJar;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged controller refuses to run where it cannot work: it exits with an error naming the
 * cause instead of idling without a CRD or retrying forever without an API server.
 */
class StartupFailureIT {

  @Test
  void exitsNamingTheMissingCrd() throws Exception {
    KubernetesServer server =
        new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
    server.before();
    try {
      String log = runUntilExit(server.getClient().getConfiguration().getMasterUrl(), "no-crd");
      // Which of the three is named first depends on the order the controllers register in.
      assertTrue(
          java.util.regex.Pattern.compile(
                  "'(agentexecutors|agentruns|tenants)\\.platform\\.bizmatters\\.io' v1 CRD was not"
                      + " found on the cluster")
              .matcher(log)
              .find(),
          log);
    } finally {
      server.after();
    }
  }

  @Test
  void exitsWhenNoApiServerAnswers() throws Exception {
    String log = runUntilExit("https://127.0.0.1:1", "no-api");
    assertTrue(log.contains("Connection refused"), log);
  }

  private static String runUntilExit(String apiServer, String name)
      throws IOException, InterruptedException {
    try (RunningJar controller = ControllerJar.against(apiServer, "startup-" + name).start()) {
      assertNotEquals(0, controller.waitForExit(Duration.ofSeconds(90)), controller.output());
      return controller.output();
    }
  }
}
