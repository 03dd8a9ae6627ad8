package io.agentic.platform.controller.agentrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Job and its pods say, as a reason a tenant can act on. */
class JobOutcomeTest {

  @Test
  void anImageThatCannotBePulledIsNamedWhileTheJobRuns() {
    JobOutcome outcome =
        JobOutcome.of(
            job(null, null), List.of(waiting("ImagePullBackOff", "back-off pulling image")));
    assertEquals(JobOutcome.State.RUNNING, outcome.state());
    assertEquals("ImagePullFailed", outcome.reason());
    assertTrue(
        outcome.message().contains("registry.example/runner:9")
            && outcome.message().contains("ImagePullBackOff"));
    assertTrue(outcome.problem());
  }

  @Test
  void aMissingSecretKeyIsAContainerConfigError() {
    JobOutcome outcome =
        JobOutcome.of(
            job(null, null),
            List.of(waiting("CreateContainerConfigError", "secret \"llm-keys\" not found")));
    assertEquals("ContainerConfigError", outcome.reason());
    assertTrue(outcome.message().contains("llm-keys"));
  }

  @Test
  void anEvictedPodFailsTheRunSayingSo() {
    Pod evicted =
        new PodBuilder()
            .withNewMetadata()
            .withName("run-abc")
            .endMetadata()
            .withNewStatus()
            .withPhase("Failed")
            .withReason("Evicted")
            .withMessage("The node was low on resource: memory.")
            .endStatus()
            .build();
    JobOutcome outcome = JobOutcome.of(job("Failed", "BackoffLimitExceeded"), List.of(evicted));
    assertEquals(JobOutcome.State.FAILED, outcome.state());
    assertEquals("PodEvicted", outcome.reason());
    assertTrue(outcome.message().contains("low on resource: memory"), outcome.message());
  }

  @Test
  void aCrashWithoutAResultSaysToReadThePodLog() {
    Pod crashed =
        new PodBuilder()
            .withNewMetadata()
            .withName("run-abc")
            .endMetadata()
            .withNewStatus()
            .addNewContainerStatus()
            .withName("runner")
            .withNewState()
            .withNewTerminated()
            .withExitCode(137)
            .withMessage("OOMKilled, not JSON")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    JobOutcome outcome = JobOutcome.of(job("Failed", "BackoffLimitExceeded"), List.of(crashed));
    assertEquals("RunFailed", outcome.reason());
    assertNull(outcome.result());
    assertTrue(outcome.message().contains("see the pod log"), outcome.message());
  }

  private static Job job(String condition, String reason) {
    JobBuilder job =
        new JobBuilder().withNewMetadata().withName("run").endMetadata().withNewSpec().endSpec();
    if (condition != null) {
      job.withNewStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withReason(reason)
          .endCondition()
          .endStatus();
    }
    return job.build();
  }

  private static Pod waiting(String reason, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("run-abc")
        .endMetadata()
        .withNewStatus()
        .addNewContainerStatus()
        .withName("runner")
        .withImage("registry.example/runner:9")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
