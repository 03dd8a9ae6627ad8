package io.agentic.platform.controller.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final AgentExecutor executor = Examples.consumerExample();

  @BeforeEach
  void generation() {
    executor.getMetadata().setGeneration(3L);
  }

  @Test
  void availableDeploymentMakesItReady() {
    AgentExecutorStatus status = aggregate(observe(deployment(1, 1), List.of(), true), T0);
    assertEquals(3L, status.getObservedGeneration());
    assertEquals(1, status.getReplicas());
    assertEquals(1, status.getReadyReplicas());
    assertCondition(status, "Ready", "True", "Available");
    assertCondition(status, "Progressing", "False", "RolloutComplete");
    assertCondition(status, "Degraded", "False", "AsExpected");
    assertCondition(status, "Autoscaling", "True", "KedaScaledObject");
  }

  @Test
  void withoutKedaAConditionSaysAutoscalingIsUnavailable() {
    AgentExecutorStatus status = aggregate(observe(deployment(1, 1), List.of(), false), T0);
    Condition autoscaling = assertCondition(status, "Autoscaling", "False", "KedaNotInstalled");
    assertTrue(
        autoscaling.getMessage().contains("runs at minReplicas (1)"), autoscaling.getMessage());
  }

  @Test
  void aRolloutInProgressIsProgressingNotReady() {
    AgentExecutorStatus status = aggregate(observe(deployment(2, 1), List.of(), false), T0);
    assertCondition(status, "Ready", "False", "RollingOut");
    assertCondition(status, "Progressing", "True", "RollingOut");
  }

  @Test
  void missingSecretIsDegradedAndNamed() {
    Problem missing =
        new Problem("SecretMissing", "Secret my-llm-keys not found in namespace my-namespace");
    Observation observation =
        new Observation(
            List.of(),
            List.of(missing),
            Optional.of(deployment(1, 0)),
            List.of(),
            false,
            Optional.empty());
    AgentExecutorStatus status = aggregate(observation, T0);
    assertEquals(
        missing.message(),
        assertCondition(status, "Degraded", "True", "SecretMissing").getMessage());
    assertCondition(status, "Ready", "False", "SecretMissing");
  }

  @Test
  void imagePullBackOffSurfaces() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("my-service-abc")
            .endMetadata()
            .withNewStatus()
            .addNewContainerStatus()
            .withName("agent-executor")
            .withImage("ghcr.io/myorg/my-service:v1.0.0")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    AgentExecutorStatus status = aggregate(observe(deployment(1, 0), List.of(pod), false), T0);
    Condition degraded = assertCondition(status, "Degraded", "True", "ImagePullFailed");
    assertTrue(degraded.getMessage().contains("pod my-service-abc"), degraded.getMessage());
    assertTrue(
        degraded.getMessage().contains("ghcr.io/myorg/my-service:v1.0.0"), degraded.getMessage());
  }

  @Test
  void invalidSpecKeepsLastReplicaCountsAndSaysNothingIsApplied() {
    AgentExecutorStatus status =
        aggregate(
            Observation.invalidSpec(List.of(new Problem("InvalidSpec", "spec.x is bad"))), T0);
    assertCondition(status, "Ready", "False", "InvalidSpec");
    assertCondition(status, "Degraded", "True", "InvalidSpec");
    assertCondition(status, "Progressing", "False", "InvalidSpec");
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusFlips() {
    executor.setStatus(aggregate(observe(deployment(1, 0), List.of(), false), T0));
    AgentExecutorStatus same =
        aggregate(observe(deployment(1, 0), List.of(), false), T0.plusSeconds(60));
    assertEquals(
        T0.toString(),
        assertCondition(same, "Ready", "False", "RollingOut").getLastTransitionTime());
    AgentExecutorStatus flipped =
        aggregate(observe(deployment(1, 1), List.of(), false), T0.plusSeconds(120));
    assertEquals(
        T0.plusSeconds(120).toString(),
        assertCondition(flipped, "Ready", "True", "Available").getLastTransitionTime());
  }

  private AgentExecutorStatus aggregate(Observation observation, Instant now) {
    return StatusAggregator.aggregate(executor, observation, now);
  }

  private static Observation observe(Deployment deployment, List<Pod> pods, boolean keda) {
    return new Observation(
        List.of(), List.of(), Optional.of(deployment), pods, keda, Optional.empty());
  }

  private static Deployment deployment(int replicas, int available) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("my-service")
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(available)
        .withAvailableReplicas(available)
        .endStatus()
        .build();
  }

  static Condition assertCondition(
      AgentExecutorStatus status, String type, String value, String reason) {
    Condition condition =
        status.getConditions().stream()
            .filter(c -> type.equals(c.getType()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no condition " + type));
    assertEquals(value, condition.getStatus(), type + ": " + condition.getMessage());
    assertEquals(reason, condition.getReason(), type + ": " + condition.getMessage());
    return condition;
  }
}
