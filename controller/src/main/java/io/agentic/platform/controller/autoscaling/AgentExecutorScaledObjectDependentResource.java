package io.agentic.platform.controller.autoscaling;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEDA ScaledObject with a nats-jetstream trigger on the AgentExecutor's stream and durable
 * consumer. Active only where KEDA is installed ({@link KedaInstalledCondition}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadLabels.MANAGED_SELECTOR))
public class AgentExecutorScaledObjectDependentResource
    extends CRUDKubernetesDependentResource<ScaledObject, AgentExecutor> {

  public AgentExecutorScaledObjectDependentResource() {
    super(ScaledObject.class);
  }

  @Override
  protected ScaledObject desired(AgentExecutor executor, Context<AgentExecutor> context) {
    return desired(executor);
  }

  static ScaledObject desired(AgentExecutor executor) {
    AgentExecutorSpec spec = executor.getSpec();
    Map<String, String> metadata = new LinkedHashMap<>();
    // Validation guarantees an endpoint before the workflow runs.
    metadata.put("natsServerMonitoringEndpoint", NatsMonitoringEndpoint.of(spec).orElseThrow());
    metadata.put("account", spec.getNatsAccount());
    metadata.put("stream", spec.getNatsStreamName());
    metadata.put("consumer", spec.getNatsConsumerGroup());
    metadata.put("lagThreshold", String.valueOf(spec.getLagThreshold()));

    ScaledObject scaledObject = new ScaledObject();
    scaledObject.setMetadata(WorkloadLabels.childMetadata(executor));
    scaledObject.setSpec(
        new ScaledObject.Spec(
            new ScaledObject.ScaleTargetRef(
                "apps/v1", "Deployment", executor.getMetadata().getName()),
            spec.getMinReplicas(),
            spec.getMaxReplicas(),
            List.of(new ScaledObject.Trigger("nats-jetstream", metadata))));
    return scaledObject;
  }
}
