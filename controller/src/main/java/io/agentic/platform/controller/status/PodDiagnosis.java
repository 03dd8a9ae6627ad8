package io.agentic.platform.controller.status;

import io.agentic.platform.controller.workload.WorkerPod;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the worker pods' container states and names what keeps them from running, so a tenant who
 * cannot read pods in the platform's namespaces (or does not think to) sees it on the
 * AgentExecutor.
 */
public final class PodDiagnosis {

  public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
  public static final String CRASH_LOOPING = "CrashLooping";
  public static final String MIGRATION_FAILED = "MigrationFailed";
  public static final String CONTAINER_CONFIG_ERROR = "ContainerConfigError";

  private static final Set<String> PULL_REASONS =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> CONFIG_REASONS =
      Set.of("CreateContainerConfigError", "CreateContainerError");

  private PodDiagnosis() {}

  /** At most one problem per reason, naming the first pod and counting the others. */
  public static List<Problem> problems(List<Pod> pods) {
    Map<String, List<String>> messagesByReason = new LinkedHashMap<>();
    pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(pod -> diagnose(pod, messagesByReason));
    List<Problem> problems = new ArrayList<>();
    messagesByReason.forEach(
        (reason, messages) -> {
          String message = messages.get(0);
          if (messages.size() > 1) {
            message += " (and " + (messages.size() - 1) + " more)";
          }
          problems.add(new Problem(reason, message));
        });
    return problems;
  }

  private static void diagnose(Pod pod, Map<String, List<String>> out) {
    if (pod.getStatus() == null || pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String podName = pod.getMetadata().getName();
    for (ContainerStatus status : nullSafe(pod.getStatus().getInitContainerStatuses())) {
      String problem = initContainer(podName, status);
      if (problem != null) {
        out.computeIfAbsent(reasonOfInit(status), r -> new ArrayList<>()).add(problem);
      }
    }
    for (ContainerStatus status : nullSafe(pod.getStatus().getContainerStatuses())) {
      ContainerStateWaiting waiting = waiting(status);
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String where = "container " + status.getName() + " of pod " + podName;
      if (PULL_REASONS.contains(waiting.getReason())) {
        out.computeIfAbsent(IMAGE_PULL_FAILED, r -> new ArrayList<>())
            .add(pullMessage(where, status, waiting));
      } else if ("CrashLoopBackOff".equals(waiting.getReason())) {
        out.computeIfAbsent(CRASH_LOOPING, r -> new ArrayList<>())
            .add(
                where
                    + " is crash-looping ("
                    + status.getRestartCount()
                    + " restarts"
                    + lastExit(status)
                    + "); see kubectl logs "
                    + podName
                    + " -c "
                    + status.getName()
                    + " --previous");
      } else if (CONFIG_REASONS.contains(waiting.getReason())) {
        out.computeIfAbsent(CONTAINER_CONFIG_ERROR, r -> new ArrayList<>())
            .add(where + " cannot start: " + orReason(waiting));
      }
    }
  }

  private static String reasonOfInit(ContainerStatus status) {
    ContainerStateWaiting waiting = waiting(status);
    if (waiting != null && PULL_REASONS.contains(waiting.getReason())) {
      return IMAGE_PULL_FAILED;
    }
    if (waiting != null && CONFIG_REASONS.contains(waiting.getReason())) {
      return CONTAINER_CONFIG_ERROR;
    }
    return WorkerPod.MIGRATIONS_CONTAINER.equals(status.getName())
        ? MIGRATION_FAILED
        : CRASH_LOOPING;
  }

  private static String initContainer(String podName, ContainerStatus status) {
    String where = "init container " + status.getName() + " of pod " + podName;
    ContainerStateWaiting waiting = waiting(status);
    if (waiting != null && PULL_REASONS.contains(waiting.getReason())) {
      return pullMessage(where, status, waiting);
    }
    if (waiting != null && CONFIG_REASONS.contains(waiting.getReason())) {
      return where + " cannot start: " + orReason(waiting);
    }
    ContainerStateTerminated terminated =
        status.getState() == null ? null : status.getState().getTerminated();
    boolean failedNow = terminated != null && nonZero(terminated.getExitCode());
    boolean backingOff = waiting != null && "CrashLoopBackOff".equals(waiting.getReason());
    if (!failedNow && !backingOff) {
      return null;
    }
    ContainerStateTerminated exit = failedNow ? terminated : lastTerminated(status);
    return where
        + " failed"
        + (exit == null
            ? ""
            : " with exit code "
                + exit.getExitCode()
                + (exit.getReason() == null ? "" : " (" + exit.getReason() + ")"))
        + (status.getRestartCount() == null || status.getRestartCount() == 0
            ? ""
            : " after " + status.getRestartCount() + " restarts")
        + "; see kubectl logs "
        + podName
        + " -c "
        + status.getName();
  }

  private static String pullMessage(
      String where, ContainerStatus status, ContainerStateWaiting waiting) {
    return where
        + " cannot pull image "
        + status.getImage()
        + ": "
        + orReason(waiting)
        + " (check the image name and spec.imagePullSecrets)";
  }

  private static String lastExit(ContainerStatus status) {
    ContainerStateTerminated last = lastTerminated(status);
    return last == null ? "" : ", last exit code " + last.getExitCode();
  }

  private static ContainerStateTerminated lastTerminated(ContainerStatus status) {
    return status.getLastState() == null ? null : status.getLastState().getTerminated();
  }

  private static ContainerStateWaiting waiting(ContainerStatus status) {
    return status.getState() == null ? null : status.getState().getWaiting();
  }

  private static String orReason(ContainerStateWaiting waiting) {
    return waiting.getMessage() == null || waiting.getMessage().isBlank()
        ? waiting.getReason()
        : waiting.getReason() + ": " + waiting.getMessage();
  }

  private static boolean nonZero(Integer exitCode) {
    return exitCode != null && exitCode != 0;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
