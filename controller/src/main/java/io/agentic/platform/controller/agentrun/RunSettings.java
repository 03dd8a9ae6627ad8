package io.agentic.platform.controller.agentrun;

import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Workload;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a run's Jobs take from the platform.
 *
 * @param runnerImage the configured runner image (the chart's: the release's agent-executor)
 * @param otlpEndpoint where runners export traces
 * @param tenant the tenant of the run's namespace, looked up only when a Job is made
 */
record RunSettings(
    Optional<String> runnerImage, Optional<String> otlpEndpoint, Supplier<String> tenant) {

  /** The workload's image, else the platform's runner image. */
  Optional<String> image(Workload workload) {
    if (workload.getImage() != null && !workload.getImage().isBlank()) {
      return Optional.of(workload.getImage());
    }
    return runnerImage.filter(s -> !s.isBlank());
  }
}
