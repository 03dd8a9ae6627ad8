package io.agentic.platform.agentctl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentctl run submit} against a mock API server holding the AgentRun CRD; the controller's
 * part (the run's status) is played by the test.
 */
@QuarkusMainTest
class RunSubmitCommandTest {

  @TempDir Path dir;

  private KubernetesMockServer server;
  private KubernetesClient client;
  private Path kubeconfig;

  @BeforeEach
  void cluster() throws Exception {
    // Plain HTTP: a TLS mock server needs a certificate generator this test classpath lacks.
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    try (InputStream in =
        Files.newInputStream(
            Path.of("..", "kubernetes", "crds", "agentruns.platform.bizmatters.io-v1.yml"))) {
      client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
    }
    kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
              - name: mock
                cluster:
                  server: %s
            contexts:
              - name: mock
                context:
                  cluster: mock
                  namespace: team-a
            current-context: mock
            users: []
            """
                .formatted(client.getConfiguration().getMasterUrl()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void submitsTheRunWaitsAndPrintsItsOutput(QuarkusMainLauncher launcher) throws Exception {
    CompletableFuture<GenericKubernetesResource> controller =
        playController(
            "Succeeded",
            Map.of("status", "succeeded", "output", "Three invoices are open."),
            List.of());
    LaunchResult result =
        launcher.launch(
            "run",
            "submit",
            "--kubeconfig=" + kubeconfig,
            "--agent=support",
            "--param=month=November",
            "-m",
            "Summarise {{parameters.month}}",
            "--timeout=20s");
    assertEquals(0, result.exitCode(), result.getErrorOutput());
    assertEquals("Three invoices are open.", result.getOutput().strip());
    GenericKubernetesResource run = controller.get(5, TimeUnit.SECONDS);
    assertEquals("team-a", run.getMetadata().getNamespace(), "the context's namespace");
    assertTrue(run.getMetadata().getName().startsWith("support-"), run.getMetadata().getName());
    Map<?, ?> spec = (Map<?, ?>) run.getAdditionalProperties().get("spec");
    assertEquals("support", spec.get("agent"));
    assertEquals(Map.of("type", "job"), spec.get("runtime"));
    assertEquals(Map.of("month", "November"), spec.get("parameters"));
    assertEquals(
        Map.of(
            "messages",
            List.of(Map.of("role", "user", "content", "Summarise {{parameters.month}}"))),
        spec.get("input"));
  }

  @Test
  void aFailedRunExitsOneWithItsReason(QuarkusMainLauncher launcher) {
    playController(
        "Failed",
        null,
        List.of(
            Map.of(
                "type", "Degraded",
                "status", "True",
                "reason", "RunFailed",
                "message", "the run ended failed: llm_rejected: context too long")));
    LaunchResult result =
        launcher.launch(
            "run",
            "submit",
            "--kubeconfig=" + kubeconfig,
            "--agent=support",
            "-m",
            "Hi",
            "--name=doomed");
    assertEquals(1, result.exitCode());
    assertEquals(
        "agentctl: AgentRun team-a/doomed failed: RunFailed: the run ended failed: llm_rejected:"
            + " context too long",
        result.getErrorOutput().strip());
  }

  @Test
  void aRunThatDoesNotEndInTimeExitsThreeSayingWhereItIs(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch(
            "run",
            "submit",
            "--kubeconfig=" + kubeconfig,
            "--agent=support",
            "-m",
            "Hi",
            "--name=slow",
            "--timeout=1s");
    assertEquals(3, result.exitCode());
    assertTrue(
        result.getErrorOutput().contains("AgentRun team-a/slow is still Pending after 1 s"),
        result.getErrorOutput());
  }

  @Test
  void noWaitPrintsTheNameAtOnce(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch(
            "run",
            "submit",
            "--kubeconfig=" + kubeconfig,
            "--agent=support",
            "-m",
            "Hi",
            "-n",
            "team-b",
            "--no-wait");
    assertEquals(0, result.exitCode(), result.getErrorOutput());
    String name = result.getOutput().strip();
    assertTrue(
        client
                .genericKubernetesResources(RunSubmitCommand.AGENT_RUNS)
                .inNamespace("team-b")
                .withName(name)
                .get()
            != null);
  }

  @Test
  void anUnreachableClusterIsOneLineAndExitFour(QuarkusMainLauncher launcher) throws Exception {
    Path nowhere =
        Files.writeString(
            dir.resolve("nowhere"),
            Files.readString(kubeconfig)
                .replace(client.getConfiguration().getMasterUrl(), "http://127.0.0.1:1/"));
    LaunchResult result =
        launcher.launch("run", "submit", "--kubeconfig=" + nowhere, "--agent=support", "-m", "Hi");
    assertEquals(4, result.exitCode());
    String error = result.getErrorOutput().strip();
    assertTrue(error.startsWith("agentctl: cannot reach the Kubernetes API"), error);
    assertEquals(1, error.lines().count(), error);
  }

  @Test
  void withoutAMessageItIsUsage(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch("run", "submit", "--kubeconfig=" + kubeconfig, "--agent=support");
    assertEquals(2, result.exitCode());
  }

  /**
   * Waits (on a watch, not by polling) for the submitted AgentRun and writes the status the
   * controller would.
   */
  private CompletableFuture<GenericKubernetesResource> playController(
      String phase, Map<String, Object> result, List<Map<String, Object>> conditions) {
    return client
        .genericKubernetesResources(RunSubmitCommand.AGENT_RUNS)
        .inAnyNamespace()
        .informOnCondition(runs -> !runs.isEmpty())
        .orTimeout(15, TimeUnit.SECONDS)
        .thenApply(
            runs -> {
              GenericKubernetesResource run = runs.get(0);
              Map<String, Object> status = new java.util.LinkedHashMap<>();
              status.put("phase", phase);
              if (result != null) {
                status.put("result", result);
              }
              status.put("conditions", conditions);
              run.setAdditionalProperty("status", status);
              client
                  .genericKubernetesResources(RunSubmitCommand.AGENT_RUNS)
                  .inNamespace(run.getMetadata().getNamespace())
                  .resource(run)
                  .updateStatus();
              return run;
            });
  }
}
