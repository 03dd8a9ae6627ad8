package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The worker Deployment. Its replica count is the AgentExecutor's minReplicas, except while a KEDA
 * ScaledObject drives it: then the current count is kept so the controller never fights KEDA.
 */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadLabels.MANAGED_SELECTOR))
public class AgentExecutorDeploymentDependentResource
    extends CRUDKubernetesDependentResource<Deployment, AgentExecutor> {

  public AgentExecutorDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(AgentExecutor executor, Context<AgentExecutor> context) {
    ReconcileInputs inputs = ReconcileInputs.of(context);
    // Straight from the informer: the dependent's own lookup derives the target from desired().
    Integer current =
        context
            .getSecondaryResource(Deployment.class)
            .map(d -> d.getSpec() == null ? null : d.getSpec().getReplicas())
            .orElse(null);
    return desired(executor, inputs, inputs.kedaInstalled() ? current : null);
  }

  /** The Deployment is named after the AgentExecutor; no need to build it to know its id. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      AgentExecutor executor, Context<AgentExecutor> context) {
    return ResourceID.fromResource(executor);
  }

  /**
   * @param keptReplicas the replica count to keep because KEDA owns it, or null to use minReplicas
   */
  static Deployment desired(AgentExecutor executor, ReconcileInputs inputs, Integer keptReplicas) {
    int replicas = keptReplicas != null ? keptReplicas : executor.getSpec().getMinReplicas();
    return new DeploymentBuilder()
        .withMetadata(WorkloadLabels.childMetadata(executor))
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(WorkloadLabels.selector(executor))
        .endSelector()
        .withTemplate(WorkerPod.template(executor, inputs))
        .endSpec()
        .build();
  }
}
