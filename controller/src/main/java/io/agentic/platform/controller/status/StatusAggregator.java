package io.agentic.platform.controller.status;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns an {@link Observation} into the AgentExecutor's status: {@code observedGeneration}, replica
 * counts and the conditions Ready, Progressing, Degraded and Autoscaling. A condition's {@code
 * lastTransitionTime} only moves when its status flips, as Kubernetes conventions ask.
 */
public final class StatusAggregator {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String AUTOSCALING = "Autoscaling";
  public static final String MONITORING = "Monitoring";

  public static final String RECONCILE_FAILED = "ReconcileFailed";

  private StatusAggregator() {}

  public static AgentExecutorStatus aggregate(
      AgentExecutor executor, Observation observation, Instant now) {
    AgentExecutorStatus previous =
        executor.getStatus() == null ? new AgentExecutorStatus() : executor.getStatus();
    AgentExecutorStatus status = new AgentExecutorStatus();
    status.setObservedGeneration(executor.getMetadata().getGeneration());

    Optional<DeploymentStatus> deploymentStatus =
        observation.deployment().map(Deployment::getStatus);
    int desired =
        observation
            .deployment()
            .map(d -> d.getSpec() == null ? null : d.getSpec().getReplicas())
            .orElse(Objects.requireNonNullElse(executor.getSpec().getMinReplicas(), 0));
    int ready = deploymentStatus.map(DeploymentStatus::getReadyReplicas).orElse(0);
    int available = deploymentStatus.map(DeploymentStatus::getAvailableReplicas).orElse(0);
    if (observation.specProblems().isEmpty()) {
      status.setReplicas(desired);
      status.setReadyReplicas(ready);
      status.setAvailableReplicas(available);
    } else {
      status.setReplicas(previous.getReplicas());
      status.setReadyReplicas(previous.getReadyReplicas());
      status.setAvailableReplicas(previous.getAvailableReplicas());
    }

    List<Problem> problems = new ArrayList<>(observation.specProblems());
    observation.reconcileError().ifPresent(problems::add);
    problems.addAll(observation.secretProblems());
    observation.deployment().ifPresent(d -> problems.addAll(deploymentProblems(d)));
    problems.addAll(PodDiagnosis.problems(observation.pods()));

    boolean rolledOut = observation.deployment().map(StatusAggregator::rolledOut).orElse(false);
    long generation = Objects.requireNonNullElse(executor.getMetadata().getGeneration(), 0L);
    String name = executor.getMetadata().getName();

    List<Condition> conditions = new ArrayList<>();
    if (!observation.specProblems().isEmpty()) {
      String message = joined(observation.specProblems());
      conditions.add(condition(READY, false, first(problems).reason(), message));
      conditions.add(
          condition(
              PROGRESSING,
              false,
              first(problems).reason(),
              "Changes are not applied until the spec is fixed; the existing workload is left"
                  + " as it was"));
      conditions.add(condition(DEGRADED, true, first(problems).reason(), message));
    } else {
      if (!problems.isEmpty()) {
        conditions.add(condition(READY, false, first(problems).reason(), joined(problems)));
      } else if (observation.deployment().isEmpty()) {
        conditions.add(
            condition(READY, false, "Creating", "Deployment " + name + " is being created"));
      } else if (rolledOut && desired == 0) {
        conditions.add(
            condition(READY, true, "ScaledToZero", "Deployment " + name + " runs no replicas"));
      } else if (rolledOut) {
        conditions.add(
            condition(
                READY,
                true,
                "Available",
                available + " of " + desired + " replicas of Deployment " + name + " available"));
      } else {
        conditions.add(
            condition(
                READY,
                false,
                "RollingOut",
                available + " of " + desired + " replicas of Deployment " + name + " available"));
      }
      if (observation.deployment().isEmpty()) {
        conditions.add(condition(PROGRESSING, true, "Creating", "Creating the workload"));
      } else if (!rolledOut) {
        conditions.add(
            condition(
                PROGRESSING,
                true,
                "RollingOut",
                "Deployment " + name + " is rolling out (" + ready + " of " + desired + " ready)"));
      } else {
        conditions.add(
            condition(
                PROGRESSING, false, "RolloutComplete", "Deployment " + name + " is up to date"));
      }
      conditions.add(
          problems.isEmpty()
              ? condition(DEGRADED, false, "AsExpected", "No problems found")
              : condition(DEGRADED, true, first(problems).reason(), joined(problems)));
      conditions.add(autoscaling(executor, observation.kedaInstalled()));
      conditions.add(monitoring(executor, observation.podMonitorsInstalled()));
    }
    status.setConditions(
        conditions.stream()
            .map(c -> carryOver(c, previous, generation, now))
            .collect(Collectors.toList()));
    return status;
  }

  private static Condition autoscaling(AgentExecutor executor, boolean kedaInstalled) {
    var spec = executor.getSpec();
    if (kedaInstalled) {
      return condition(
          AUTOSCALING,
          true,
          "KedaScaledObject",
          "ScaledObject "
              + executor.getMetadata().getName()
              + " scales between "
              + spec.getMinReplicas()
              + " and "
              + spec.getMaxReplicas()
              + " replicas on the lag of consumer "
              + spec.getNatsConsumerGroup()
              + " of stream "
              + spec.getNatsStreamName());
    }
    return condition(
        AUTOSCALING,
        false,
        "KedaNotInstalled",
        "Autoscaling is unavailable: KEDA is not installed in the cluster (no CRD"
            + " scaledobjects.keda.sh), so the Deployment runs at minReplicas ("
            + spec.getMinReplicas()
            + ")");
  }

  private static Condition monitoring(AgentExecutor executor, boolean podMonitorsInstalled) {
    if (podMonitorsInstalled) {
      return condition(
          MONITORING,
          true,
          "PodMonitor",
          "PodMonitor "
              + executor.getMetadata().getName()
              + " has Prometheus scrape the workers' /q/metrics");
    }
    return condition(
        MONITORING,
        false,
        "PrometheusOperatorNotInstalled",
        "The workers' metrics are not scraped: the Prometheus Operator is not installed in the"
            + " cluster (no CRD podmonitors.monitoring.coreos.com); they stay available at"
            + " /q/metrics on port http");
  }

  /** A Deployment that the cluster itself gave up on: progress deadline or replica failure. */
  private static List<Problem> deploymentProblems(Deployment deployment) {
    List<Problem> problems = new ArrayList<>();
    if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
      return problems;
    }
    for (DeploymentCondition c : deployment.getStatus().getConditions()) {
      boolean deadline =
          "Progressing".equals(c.getType())
              && "False".equals(c.getStatus())
              && "ProgressDeadlineExceeded".equals(c.getReason());
      boolean replicaFailure = "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus());
      if (deadline || replicaFailure) {
        problems.add(
            new Problem(
                c.getReason() == null ? c.getType() : c.getReason(),
                "Deployment " + deployment.getMetadata().getName() + ": " + c.getMessage()));
      }
    }
    return problems;
  }

  private static boolean rolledOut(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    int desired =
        deployment.getSpec() == null
            ? 1
            : Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    if (status == null) {
      return false;
    }
    Long seen = status.getObservedGeneration();
    Long generation = deployment.getMetadata().getGeneration();
    boolean observed = seen != null && (generation == null || seen >= generation);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    int total = Objects.requireNonNullElse(status.getReplicas(), 0);
    return observed && updated >= desired && available >= desired && total == desired;
  }

  private static Condition carryOver(
      Condition next, AgentExecutorStatus previous, long generation, Instant now) {
    return Conditions.carryOver(next, previous.getConditions(), generation, now);
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return Conditions.of(type, status, reason, message);
  }

  private static Problem first(List<Problem> problems) {
    return problems.get(0);
  }

  private static String joined(List<Problem> problems) {
    return problems.stream().map(Problem::message).collect(Collectors.joining("; "));
  }
}
