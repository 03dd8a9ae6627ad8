package io.agentic.platform.controller.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * Everything one reconciliation learned about an AgentExecutor, as input to the status.
 *
 * @param specProblems non-empty when the spec is invalid; then nothing else was looked at
 * @param secretProblems missing Secrets, ConfigMaps or keys, and wiring the platform lacks
 * @param deployment the worker Deployment as last seen
 * @param pods the worker pods as last seen
 * @param kedaInstalled whether the ScaledObject API exists
 * @param reconcileError a failure applying the children, if any
 * @param podMonitorsInstalled whether the Prometheus Operator's PodMonitor API exists
 */
public record Observation(
    List<Problem> specProblems,
    List<Problem> secretProblems,
    Optional<Deployment> deployment,
    List<Pod> pods,
    boolean kedaInstalled,
    Optional<Problem> reconcileError,
    boolean podMonitorsInstalled) {

  /** An observation that does not concern metrics scraping. */
  public Observation(
      List<Problem> specProblems,
      List<Problem> secretProblems,
      Optional<Deployment> deployment,
      List<Pod> pods,
      boolean kedaInstalled,
      Optional<Problem> reconcileError) {
    this(specProblems, secretProblems, deployment, pods, kedaInstalled, reconcileError, false);
  }

  public static Observation invalidSpec(List<Problem> problems) {
    return new Observation(
        problems, List.of(), Optional.empty(), List.of(), false, Optional.empty());
  }

  public static Observation failed(
      Problem error, boolean kedaInstalled, boolean podMonitorsInstalled) {
    return new Observation(
        List.of(),
        List.of(),
        Optional.empty(),
        List.of(),
        kedaInstalled,
        Optional.of(error),
        podMonitorsInstalled);
  }
}
