package io.agentic.platform.controller.monitoring;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.workload.ReconcileInputs;
import io.agentic.platform.controller.workload.WorkerPod;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PodMonitor per AgentExecutor, so the platform's Prometheus scrapes the workers' {@code
 * /q/metrics} (runs, LLM latency, queue lag, dead letters). Active only where the Prometheus
 * Operator is installed ({@link PrometheusOperatorInstalledCondition}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadLabels.MANAGED_SELECTOR))
public class AgentExecutorPodMonitorDependentResource
    extends CRUDKubernetesDependentResource<PodMonitor, AgentExecutor> {

  static final String METRICS_PATH = "/q/metrics";

  public AgentExecutorPodMonitorDependentResource() {
    super(PodMonitor.class);
  }

  @Override
  protected PodMonitor desired(AgentExecutor executor, Context<AgentExecutor> context) {
    return desired(executor, ReconcileInputs.of(context).wiring().podMonitorLabels());
  }

  /**
   * @param extraLabels labels the platform's Prometheus selects PodMonitors by; the controller's
   *     own labels win over them
   */
  static PodMonitor desired(AgentExecutor executor, Map<String, String> extraLabels) {
    ObjectMeta metadata = WorkloadLabels.childMetadata(executor);
    Map<String, String> labels = new LinkedHashMap<>(extraLabels);
    labels.putAll(metadata.getLabels());
    metadata.setLabels(labels);
    PodMonitor monitor = new PodMonitor();
    monitor.setMetadata(metadata);
    monitor.setSpec(
        new PodMonitor.Spec(
            new LabelSelectorBuilder().withMatchLabels(WorkloadLabels.selector(executor)).build(),
            List.of(new PodMonitor.Endpoint(WorkerPod.HTTP_PORT_NAME, METRICS_PATH))));
    return monitor;
  }
}
