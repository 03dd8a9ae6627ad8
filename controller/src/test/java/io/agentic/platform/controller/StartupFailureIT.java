package io.agentic.platform.controller;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged controller refuses to run where it cannot work: it exits with an error naming the
 * cause instead of idling without a CRD or retrying forever without an API server.
 */
class StartupFailureIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  @Test
  void exitsNamingTheMissingCrd() throws Exception {
    KubernetesServer server =
        new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
    server.before();
    try {
      String log = runUntilExit(server.getClient().getConfiguration().getMasterUrl(), "no-crd");
      assertTrue(
          log.contains(
              "'agentexecutors.platform.bizmatters.io' v1 CRD was not found on the cluster"),
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
    Path output = Path.of("target", "startup-" + name + ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkubernetes.master=" + apiServer,
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
    try {
      boolean exited = process.waitFor(90, TimeUnit.SECONDS);
      String log = Files.readString(output);
      assertTrue(exited, "still running after 90 s:\n" + log);
      assertNotEquals(0, process.exitValue(), log);
      return log;
    } finally {
      process.destroyForcibly();
    }
  }
}
