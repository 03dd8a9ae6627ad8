package io.agentic.platform.controller.agentrun;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.crd.v1alpha1.AgentRun;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Message;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Step;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * AgentRuns against the mock API server: Jobs are driven to their outcome by writing their status
 * (and their pods' termination messages) as the Job controller and the kubelet would.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class AgentRunReconcilerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Inject KubernetesClient client;

  @Test
  void aJobRunStartsItsJobAndRecordsTheResultBeforeTheJobMayGo() {
    String ns = namespace();
    AgentRun run = jobRun(ns, "summarise");
    run.getSpec().setParameters(Map.of("topic", "invoices"));
    run.getSpec()
        .getInput()
        .setMessages(List.of(new Message("user", "Summarise {{parameters.topic}}")));
    AgentRun created = client.resource(run).create();

    Job job = awaitJob(ns, "summarise", j -> true);
    assertEquals(
        "summarise", job.getMetadata().getLabels().get("platform.bizmatters.io/agent-run"));
    assertEquals(0, job.getSpec().getBackoffLimit());
    assertNull(job.getSpec().getTtlSecondsAfterFinished(), "no TTL before the outcome is recorded");
    var pod = job.getSpec().getTemplate().getSpec();
    assertEquals(false, pod.getAutomountServiceAccountToken());
    assertEquals("ghcr.io/agentic/agent-executor:test", pod.getContainers().get(0).getImage());
    assertEquals(true, pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem());
    Map<String, Object> request = runJson(ns, "summarise");
    assertEquals(created.getMetadata().getUid(), request.get("runId"));
    assertEquals(ns, request.get("tenant"), "outside tenants the namespace is the tenant");
    assertEquals("support", request.get("agent"));
    assertEquals(
        List.of(Map.of("role", "user", "content", "Summarise invoices")), request.get("messages"));
    awaitPhase(ns, "summarise", AgentRunStatus.RUNNING);

    finishJob(
        ns, "summarise", true, "{\"version\":1,\"status\":\"succeeded\",\"output\":\"Done.\"}");
    AgentRun done = awaitPhase(ns, "summarise", AgentRunStatus.SUCCEEDED);
    assertEquals("Done.", done.getStatus().getResult().get("output"));
    assertTrue(done.getStatus().getDuration().endsWith("s"));
    awaitJob(
        ns,
        "summarise",
        j -> Integer.valueOf(3600).equals(j.getSpec().getTtlSecondsAfterFinished()));
  }

  @Test
  void aFailedRunSaysWhyAndADeadlineIsNamed() {
    String ns = namespace();
    client.resource(jobRun(ns, "rejected")).create();
    awaitJob(ns, "rejected", j -> true);
    finishJob(
        ns,
        "rejected",
        false,
        "{\"version\":1,\"status\":\"failed\",\"error\":{\"code\":\"llm_rejected\",\"message\":\"context too long\"}}");
    AgentRun failed = awaitPhase(ns, "rejected", AgentRunStatus.FAILED);
    String message = degraded(failed, "RunFailed");
    assertTrue(message.contains("llm_rejected") && message.contains("context too long"), message);

    AgentRun slow = jobRun(ns, "slow");
    slow.getSpec().setActiveDeadlineSeconds(60L);
    client.resource(slow).create();
    awaitJob(ns, "slow", j -> Long.valueOf(60).equals(j.getSpec().getActiveDeadlineSeconds()));
    Job job = client.batch().v1().jobs().inNamespace(ns).withName("slow").get();
    job.setStatus(
        new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withReason("DeadlineExceeded")
                    .build())
            .build());
    client.resource(job).updateStatus();
    AgentRun timedOut = awaitPhase(ns, "slow", AgentRunStatus.FAILED);
    assertTrue(degraded(timedOut, "DeadlineExceeded").contains("60 s"));
  }

  @Test
  void aWorkflowRunsItsStepsInOrderPassesOutputsOnAndRetriesAFailedStep() {
    String ns = namespace();
    AgentRun run = jobRun(ns, "flow");
    run.getSpec().getRuntime().setType(AgentRunSpec.Runtime.Type.WORKFLOW);
    Step research = step("research", "Find facts about {{parameters.topic}}");
    Step write = step("write", "Write about: {{steps.research.output}}");
    write.setRetries(1);
    write.setRetryBackoffSeconds(1);
    write.setParameters(Map.of("topic", "ignored here"));
    run.getSpec().setParameters(Map.of("topic", "otters"));
    AgentRunSpec.Workflow workflow = new AgentRunSpec.Workflow();
    workflow.setSteps(List.of(research, write));
    run.getSpec().setWorkflow(workflow);
    client.resource(run).create();

    awaitJob(ns, "flow-research-1", j -> true);
    assertEquals(
        "Find facts about otters",
        ((List<Map<String, Object>>) runJson(ns, "flow-research-1").get("messages"))
            .get(0)
            .get("content"));
    assertNull(
        client.batch().v1().jobs().inNamespace(ns).withName("flow-write-1").get(),
        "the second step waits for the first");
    finishJob(
        ns,
        "flow-research-1",
        true,
        "{\"version\":1,\"status\":\"succeeded\",\"output\":\"Otters hold hands.\"}");

    awaitJob(ns, "flow-write-1", j -> true);
    assertEquals(
        "Write about: Otters hold hands.",
        ((List<Map<String, Object>>) runJson(ns, "flow-write-1").get("messages"))
            .get(0)
            .get("content"));
    finishJob(
        ns,
        "flow-write-1",
        false,
        "{\"version\":1,\"status\":\"dead\",\"error\":{\"code\":\"llm_unavailable\",\"message\":\"down\"}}");
    AgentRun retrying =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> get(ns, "flow"),
                r ->
                    r.getStatus() != null
                            && r.getStatus().getWorkflow() != null
                            && "Retrying"
                                .equals(r.getStatus().getWorkflow().getSteps().get(1).getPhase())
                        || client.batch().v1().jobs().inNamespace(ns).withName("flow-write-2").get()
                            != null);
    assertTrue(retrying.getStatus().getWorkflow().getSteps().get(1).getAttempts() >= 1);

    awaitJob(ns, "flow-write-2", j -> true);
    finishJob(
        ns,
        "flow-write-2",
        true,
        "{\"version\":1,\"status\":\"succeeded\",\"output\":\"An essay.\"}");
    AgentRun done = awaitPhase(ns, "flow", AgentRunStatus.SUCCEEDED);
    var steps = done.getStatus().getWorkflow().getSteps();
    assertEquals(AgentRunStatus.SUCCEEDED, done.getStatus().getWorkflow().getPhase());
    assertEquals(1, steps.get(0).getAttempts());
    assertEquals(2, steps.get(1).getAttempts());
    assertEquals("An essay.", done.getStatus().getResult().get("output"));
    assertEquals("flow-write-2", steps.get(1).getJobRef());
    assertTrue(
        !runJson(ns, "flow-write-2").get("runId").equals(runJson(ns, "flow-write-1").get("runId")),
        "each attempt is a run of its own for the runner's record");
  }

  @Test
  void aStepOutOfRetriesFailsTheWorkflow() {
    String ns = namespace();
    AgentRun run = jobRun(ns, "fragile");
    run.getSpec().getRuntime().setType(AgentRunSpec.Runtime.Type.WORKFLOW);
    AgentRunSpec.Workflow workflow = new AgentRunSpec.Workflow();
    workflow.setSteps(List.of(step("only", "Hello")));
    run.getSpec().setWorkflow(workflow);
    client.resource(run).create();
    awaitJob(ns, "fragile-only-1", j -> true);
    finishJob(
        ns,
        "fragile-only-1",
        false,
        "{\"version\":1,\"status\":\"failed\",\"error\":{\"code\":\"llm_rejected\",\"message\":\"no\"}}");
    AgentRun failed = awaitPhase(ns, "fragile", AgentRunStatus.FAILED);
    assertTrue(degraded(failed, "RunFailed").contains("step only failed after 1 attempt(s)"));
    assertEquals(AgentRunStatus.FAILED, failed.getStatus().getWorkflow().getPhase());
  }

  @Test
  void otherRuntimesAreAnsweredWithWhatIsSupported() {
    String ns = namespace();
    AgentRun run = jobRun(ns, "temporal");
    run.getSpec().getRuntime().setType(AgentRunSpec.Runtime.Type.TEMPORAL);
    client.resource(run).create();
    AgentRun answered = awaitPhase(ns, "temporal", AgentRunStatus.FAILED);
    assertTrue(degraded(answered, "RuntimeNotSupported").contains("use job"));
    assertTrue(client.batch().v1().jobs().inNamespace(ns).list().getItems().isEmpty());
  }

  @Test
  void aMissingSecretKeepsTheRunPendingUntilItExists() {
    String ns = "ar-" + UUID.randomUUID().toString().substring(0, 8);
    AgentRun run = jobRun(ns, "waiting");
    client.resource(run).create();
    AgentRun pending = awaitPhase(ns, "waiting", AgentRunStatus.PENDING);
    assertTrue(degraded(pending, "SecretMissing").contains("Secret llm-keys not found"));
    client.resource(llmKeys(ns)).create();
    awaitPhase(ns, "waiting", AgentRunStatus.RUNNING);
  }

  @Test
  void anInvalidRunWaitsForItsFixAndThenRuns() {
    String ns = namespace();
    AgentRun run = jobRun(ns, "typo");
    run.getSpec().getInput().setMessages(List.of());
    client.resource(run).create();
    AgentRun invalid = awaitPhase(ns, "typo", AgentRunStatus.PENDING);
    assertTrue(degraded(invalid, "InvalidSpec").contains("spec.input.messages must hold 1 to 200"));
    client
        .resources(AgentRun.class)
        .inNamespace(ns)
        .withName("typo")
        .edit(
            r -> {
              r.getSpec().getInput().setMessages(List.of(new Message("user", "Hello")));
              return r;
            });
    awaitPhase(ns, "typo", AgentRunStatus.RUNNING);
  }

  @Test
  void aChangedSpecAfterTheStartIsRefusedNotApplied() {
    String ns = namespace();
    client.resource(jobRun(ns, "fixed")).create();
    awaitPhase(ns, "fixed", AgentRunStatus.RUNNING);
    client
        .resources(AgentRun.class)
        .inNamespace(ns)
        .withName("fixed")
        .edit(
            r -> {
              r.getSpec().setAgent("another-agent");
              return r;
            });
    AgentRun refused =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> get(ns, "fixed"),
                r ->
                    r.getStatus() != null
                        && r.getStatus().getConditions().stream()
                            .anyMatch(c -> "SpecImmutable".equals(c.getReason())));
    assertEquals(AgentRunStatus.RUNNING, refused.getStatus().getPhase());
    assertEquals("support", runJson(ns, "fixed").get("agent"), "the Job runs what was asked first");
  }

  // --- helpers -------------------------------------------------------------------------------

  private String namespace() {
    String ns = "ar-" + UUID.randomUUID().toString().substring(0, 8);
    client.resource(llmKeys(ns)).create();
    return ns;
  }

  private static io.fabric8.kubernetes.api.model.Secret llmKeys(String ns) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("llm-keys")
        .withNamespace(ns)
        .endMetadata()
        .addToData("OPENAI_API_KEY", "c2stdGVzdA==")
        .build();
  }

  private static AgentRun jobRun(String ns, String name) {
    AgentRun run = new AgentRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    run.getSpec().setAgent("support");
    run.getSpec().getInput().setMessages(List.of(new Message("user", "Hello")));
    return run;
  }

  private static Step step(String name, String message) {
    Step step = new Step();
    step.setName(name);
    AgentRunSpec.Input input = new AgentRunSpec.Input();
    input.setMessages(List.of(new Message("user", message)));
    step.setInput(input);
    return step;
  }

  /** The Job controller's and the kubelet's part: a pod with the runner's result, the Job's end. */
  private void finishJob(String ns, String job, boolean succeeded, String result) {
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(job + "-pod")
                .withNamespace(ns)
                .addToLabels("platform.bizmatters.io/agent-run", job.split("-")[0])
                .addToLabels("job-name", job)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("runner")
                .withImage("ghcr.io/agentic/agent-executor:test")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .addNewContainerStatus()
                .withName("runner")
                .withNewState()
                .withNewTerminated()
                .withExitCode(succeeded ? 0 : 1)
                .withMessage(result)
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
    Job current = client.batch().v1().jobs().inNamespace(ns).withName(job).get();
    current.setStatus(
        new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
            .withConditions(
                new JobConditionBuilder()
                    .withType(succeeded ? "Complete" : "Failed")
                    .withStatus("True")
                    .withReason(succeeded ? null : "BackoffLimitExceeded")
                    .build())
            .build());
    client.resource(current).updateStatus();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> runJson(String ns, String job) {
    ConfigMap configMap = client.configMaps().inNamespace(ns).withName(job).get();
    return Serialization.unmarshal(configMap.getData().get("run.json"), Map.class);
  }

  private Job awaitJob(String ns, String name, Predicate<Job> condition) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.batch().v1().jobs().inNamespace(ns).withName(name).get(),
            j -> j != null && condition.test(j));
  }

  private AgentRun get(String ns, String name) {
    return client.resources(AgentRun.class).inNamespace(ns).withName(name).get();
  }

  private AgentRun awaitPhase(String ns, String name, String phase) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> get(ns, name),
            r -> r.getStatus() != null && phase.equals(r.getStatus().getPhase()));
  }

  private static String degraded(AgentRun run, String reason) {
    return run.getStatus().getConditions().stream()
        .filter(
            c ->
                "Degraded".equals(c.getType())
                    && "True".equals(c.getStatus())
                    && reason.equals(c.getReason()))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Degraded/" + reason + " in " + run.getStatus().getConditions()))
        .getMessage();
  }
}
