package io.agentic.platform.controller.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodDiagnosisTest {

  @Test
  void failedMigrationsNameTheInitContainerAndExitCode() {
    ContainerStatus init =
        new ContainerStatusBuilder()
            .withName("run-migrations")
            .withRestartCount(3)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(1)
            .withReason("Error")
            .endTerminated()
            .endLastState()
            .build();
    List<Problem> problems = PodDiagnosis.problems(List.of(pod("p-1", List.of(init), List.of())));
    assertEquals(1, problems.size());
    assertEquals("MigrationFailed", problems.get(0).reason());
    assertEquals(
        "init container run-migrations of pod p-1 failed with exit code 1 (Error) after 3 restarts;"
            + " see kubectl logs p-1 -c run-migrations",
        problems.get(0).message());
  }

  @Test
  void crashLoopingWorkerIsCountedOnceAcrossPods() {
    ContainerStatus crashing =
        new ContainerStatusBuilder()
            .withName("agent-executor")
            .withRestartCount(5)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .build();
    List<Problem> problems =
        PodDiagnosis.problems(
            List.of(
                pod("p-2", List.of(), List.of(crashing)),
                pod("p-1", List.of(), List.of(crashing))));
    assertEquals(1, problems.size());
    assertEquals("CrashLooping", problems.get(0).reason());
    assertTrue(
        problems
            .get(0)
            .message()
            .startsWith("container agent-executor of pod p-1 is crash-looping (5 restarts)"));
    assertTrue(problems.get(0).message().endsWith("(and 1 more)"));
  }

  @Test
  void runningPodsHaveNoProblems() {
    ContainerStatus running =
        new ContainerStatusBuilder()
            .withName("agent-executor")
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .build();
    assertEquals(List.of(), PodDiagnosis.problems(List.of(pod("p", List.of(), List.of(running)))));
  }

  private static Pod pod(String name, List<ContainerStatus> init, List<ContainerStatus> main) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withInitContainerStatuses(init)
        .withContainerStatuses(main)
        .endStatus()
        .build();
  }
}
