package io.agentic.platform.controller.workload;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import java.util.Map;
import java.util.Optional;

/**
 * What the platform wires into every worker pod, from the controller's configuration (set by the
 * chart): where traces go, the memory-gateway, default scheduling and the labels of PodMonitors.
 */
public record WorkerWiring(
    Optional<String> otlpEndpoint,
    Optional<String> memoryGatewayUrl,
    Scheduling defaultScheduling,
    Map<String, String> podMonitorLabels) {

  public static final WorkerWiring NONE =
      new WorkerWiring(Optional.empty(), Optional.empty(), new Scheduling(), Map.of());

  /** Fails at start, naming the setting, when a JSON value does not parse. */
  public static WorkerWiring from(ControllerConfig.Executors config) {
    return new WorkerWiring(
        config.otlpEndpoint().filter(s -> !s.isBlank()),
        config.memoryGatewayUrl().filter(s -> !s.isBlank()),
        ControllerConfig.json(
            "CONTROLLER_EXECUTORS_DEFAULT_SCHEDULING",
            config.defaultScheduling(),
            new TypeReference<Scheduling>() {},
            new Scheduling()),
        ControllerConfig.json(
            "CONTROLLER_EXECUTORS_POD_MONITOR_LABELS",
            config.podMonitorLabels(),
            new TypeReference<Map<String, String>>() {},
            Map.of()));
  }
}
