package io.agentic.platform.controller.agentrun;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Job and its pods say about one run or step attempt, with the runner's result event (read
 * from the container's termination message) and, for a problem, a reason a tenant can act on.
 */
record JobOutcome(State state, String reason, String message, Map<String, Object> result) {

  enum State {
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  static final String IMAGE_PULL_FAILED = "ImagePullFailed";
  static final String CONTAINER_CONFIG_ERROR = "ContainerConfigError";
  static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  static final String POD_EVICTED = "PodEvicted";
  static final String RUN_FAILED = "RunFailed";

  private static final List<String> PULL_FAILURES =
      List.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

  static JobOutcome of(Job job, List<Pod> pods) {
    Map<String, Object> result =
        pods.stream().flatMap(p -> result(p).stream()).findFirst().orElse(null);
    Optional<JobCondition> complete = condition(job, "Complete");
    if (complete.isPresent()) {
      return new JobOutcome(State.SUCCEEDED, "Succeeded", "the run succeeded", result);
    }
    Optional<JobCondition> failed = condition(job, "Failed");
    if (failed.isPresent()) {
      String jobReason = failed.get().getReason();
      if ("DeadlineExceeded".equals(jobReason)) {
        return new JobOutcome(
            State.FAILED,
            DEADLINE_EXCEEDED,
            "the run took longer than spec.activeDeadlineSeconds ("
                + job.getSpec().getActiveDeadlineSeconds()
                + " s) and was stopped",
            result);
      }
      for (Pod pod : pods) {
        if (pod.getStatus() != null && "Evicted".equals(pod.getStatus().getReason())) {
          return new JobOutcome(
              State.FAILED,
              POD_EVICTED,
              "the node evicted the run's pod "
                  + pod.getMetadata().getName()
                  + ": "
                  + pod.getStatus().getMessage(),
              result);
        }
      }
      return new JobOutcome(State.FAILED, RUN_FAILED, failedMessage(result, failed.get()), result);
    }
    for (Pod pod : pods) {
      for (ContainerStatus c : containers(pod)) {
        var waiting = c.getState() == null ? null : c.getState().getWaiting();
        if (waiting == null) {
          continue;
        }
        if (PULL_FAILURES.contains(waiting.getReason())) {
          return new JobOutcome(
              State.RUNNING,
              IMAGE_PULL_FAILED,
              "the runner image "
                  + c.getImage()
                  + " cannot be pulled ("
                  + waiting.getReason()
                  + "): "
                  + nullToEmpty(waiting.getMessage()),
              null);
        }
        if ("CreateContainerConfigError".equals(waiting.getReason())) {
          return new JobOutcome(
              State.RUNNING,
              CONTAINER_CONFIG_ERROR,
              "the runner cannot start: " + nullToEmpty(waiting.getMessage()),
              null);
        }
      }
    }
    return new JobOutcome(
        State.RUNNING, "Running", "Job " + job.getMetadata().getName() + " is running", null);
  }

  boolean problem() {
    return !"Running".equals(reason) && !"Succeeded".equals(reason);
  }

  private static String failedMessage(Map<String, Object> result, JobCondition failed) {
    if (result != null && result.get("error") instanceof Map<?, ?> error) {
      return "the run ended "
          + result.get("status")
          + ": "
          + error.get("code")
          + ": "
          + error.get("message");
    }
    if (result != null) {
      return "the run ended " + result.get("status");
    }
    return "the runner failed without a result ("
        + failed.getReason()
        + ": "
        + nullToEmpty(failed.getMessage())
        + "); see the pod log";
  }

  /** The result event the runner wrote as its termination message, if it wrote one. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> result(Pod pod) {
    for (ContainerStatus c : containers(pod)) {
      var terminated = c.getState() == null ? null : c.getState().getTerminated();
      if (terminated == null && c.getLastState() != null) {
        terminated = c.getLastState().getTerminated();
      }
      if (terminated == null
          || terminated.getMessage() == null
          || terminated.getMessage().isBlank()) {
        continue;
      }
      try {
        Object parsed = Serialization.unmarshal(terminated.getMessage(), Map.class);
        if (parsed instanceof Map<?, ?> map) {
          return Optional.of((Map<String, Object>) map);
        }
      } catch (RuntimeException notJson) {
        // Not the runner's result (a crash message): the outcome says the run left none.
      }
    }
    return Optional.empty();
  }

  private static List<ContainerStatus> containers(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return List.of();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> AgentRunJob.CONTAINER.equals(c.getName()))
        .toList();
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
