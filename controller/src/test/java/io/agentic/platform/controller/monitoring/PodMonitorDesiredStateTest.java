package io.agentic.platform.controller.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodMonitorDesiredStateTest {

  @Test
  void scrapesTheWorkerPodsMetricsPortWithThePlatformsSelectorLabels() {
    AgentExecutor executor = Examples.consumerExample();
    PodMonitor monitor =
        AgentExecutorPodMonitorDependentResource.desired(
            executor,
            Map.of("release", "prometheus", "app.kubernetes.io/managed-by", "someone-else"));
    assertEquals("my-service", monitor.getMetadata().getName());
    assertEquals("my-namespace", monitor.getMetadata().getNamespace());
    assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));
    assertEquals(
        "agentic-platform-controller",
        monitor.getMetadata().getLabels().get("app.kubernetes.io/managed-by"),
        "the controller's own labels win: its informer finds its PodMonitors by them");
    assertEquals(
        Map.of(
            "app.kubernetes.io/name", "agent-executor", "app.kubernetes.io/instance", "my-service"),
        monitor.getSpec().selector().getMatchLabels());
    assertEquals(
        List.of(new PodMonitor.Endpoint("http", "/q/metrics")),
        monitor.getSpec().podMetricsEndpoints());
    assertEquals(true, monitor.getMetadata().getOwnerReferences().get(0).getController());
  }
}
