package io.agentic.platform.controller.agentrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.crd.v1alpha1.AgentRun;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Message;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Workload;
import io.agentic.platform.controller.crd.v1alpha1.ExecutorSize;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Job, ConfigMap and request of a run, for a given spec. */
class AgentRunDesiredStateTest {

  private static AgentRun run(String name) {
    AgentRun run = new AgentRun();
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("acme-agents")
            .withUid("uid-1")
            .build());
    run.getSpec().setAgent("support");
    run.getSpec().getInput().setMessages(List.of(new Message("user", "Hi")));
    return run;
  }

  @Test
  void theRunnerRunsOnceWithItsRequestMountedAndNoApiToken() {
    AgentRun run = run("summarise");
    run.getSpec().setPostgresConnectionSecret("pg");
    Workload workload = new Workload();
    workload.setSize(ExecutorSize.MEDIUM);
    Job job =
        AgentRunJob.job(
            run, "summarise", null, workload, "img:1", Optional.of("http://bridge:4317"), "acme");
    var pod = job.getSpec().getTemplate().getSpec();
    Container runner = pod.getContainers().get(0);
    assertEquals("Never", pod.getRestartPolicy());
    assertEquals(0, job.getSpec().getBackoffLimit());
    assertEquals(false, pod.getAutomountServiceAccountToken());
    assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(List.of("ALL"), runner.getSecurityContext().getCapabilities().getDrop());
    assertEquals(true, runner.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals("run", env(runner, "EXECUTOR_MODE").getValue());
    assertEquals("/etc/agentic/run/run.json", env(runner, "EXECUTOR_RUN_FILE").getValue());
    assertEquals("pg", env(runner, "POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName());
    assertEquals(
        true, env(runner, "OPENAI_API_KEY").getValueFrom().getSecretKeyRef().getOptional());
    assertEquals("summarise", env(runner, "QUARKUS_OTEL_SERVICE_NAME").getValue());
    assertEquals("/dev/termination-log", runner.getTerminationMessagePath());
    assertEquals("2000m", runner.getResources().getLimits().get("cpu").toString());
    assertEquals(
        "summarise", job.getMetadata().getLabels().get("platform.bizmatters.io/agent-run"));
    assertEquals(
        "summarise",
        job.getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .get("platform.bizmatters.io/agent-run"));
    assertEquals("summarise", pod.getVolumes().get(0).getConfigMap().getName());
    assertEquals(true, job.getMetadata().getOwnerReferences().get(0).getController());

    Job withoutDatabase =
        AgentRunJob.job(
            run("plain"), "plain", null, new Workload(), "img:1", Optional.empty(), "acme");
    Container plain = withoutDatabase.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertTrue(plain.getEnv().stream().noneMatch(e -> e.getName().startsWith("POSTGRES_")));
    assertEquals("true", env(plain, "QUARKUS_OTEL_SDK_DISABLED").getValue());
    assertEquals(
        "1000m", plain.getResources().getLimits().get("cpu").toString(), "small by default");
  }

  @Test
  void jobNamesFitTheLabelLimitAndStayDistinct() {
    AgentRun run = run("a".repeat(60));
    String first = AgentRunJob.name(run, "research", 1);
    String second = AgentRunJob.name(run, "research", 2);
    assertTrue(first.length() <= 63 && second.length() <= 63, first);
    assertTrue(!first.equals(second));
    assertEquals("short-step-3", AgentRunJob.name(run("short"), "step", 3));
  }

  @Test
  void placeholdersAreFilledAndAnUnknownOneIsNamed() {
    assertEquals(
        "About otters: they swim",
        RunRequest.fill(
            "About {{parameters.topic}}: {{ steps.first.output }}",
            Map.of("topic", "otters"),
            Map.of("first", "they swim")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunRequest.fill("{{parameters.missing}}", Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("parameters.missing"));
    assertEquals(
        "$1 and \\\\ stay",
        RunRequest.fill("{{parameters.x}} stay", Map.of("x", "$1 and \\\\"), Map.of()),
        "replacement text is taken literally");
  }

  @Test
  void theRunnerImageIsTheRunsElseThePlatforms() {
    RunSettings platform = new RunSettings(Optional.of("runner:1"), Optional.empty(), () -> "t");
    Workload own = new Workload();
    own.setImage("mine:2");
    assertEquals(Optional.of("mine:2"), platform.image(own));
    assertEquals(Optional.of("runner:1"), platform.image(new Workload()));
    assertEquals(
        Optional.empty(),
        new RunSettings(Optional.empty(), Optional.empty(), () -> "t").image(new Workload()));
  }

  @Test
  void extraEnvMayNotSetWhatTheControllerSets() {
    AgentRun run = run("sneaky");
    Workload workload = new Workload();
    workload.setEnv(List.of(new EnvVar("EXECUTOR_MODE", "serve", null)));
    run.getSpec().setWorkload(workload);
    assertTrue(
        RunValidator.problems(run.getSpec()).stream()
            .anyMatch(p -> p.contains("spec.workload.env may not set EXECUTOR_MODE")));
  }

  @Test
  void theExamplesAreValidRuns() throws Exception {
    for (String example : List.of("agentrun-job.yaml", "agentrun-workflow.yaml")) {
      try (var in =
          java.nio.file.Files.newInputStream(
              io.agentic.platform.controller.Examples.DIR.resolve(example))) {
        AgentRun run =
            io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, AgentRun.class);
        assertEquals(List.of(), RunValidator.problems(run.getSpec()), example);
      }
    }
  }

  private static EnvVar env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name));
  }
}
