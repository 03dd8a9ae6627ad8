package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The worker's own identity; it gets no API token (see the Deployment), it needs none. */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadLabels.MANAGED_SELECTOR))
public class AgentExecutorServiceAccountDependentResource
    extends CRUDKubernetesDependentResource<ServiceAccount, AgentExecutor> {

  public AgentExecutorServiceAccountDependentResource() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(AgentExecutor executor, Context<AgentExecutor> context) {
    return new ServiceAccountBuilder()
        .withMetadata(WorkloadLabels.childMetadata(executor))
        .withAutomountServiceAccountToken(false)
        .build();
  }
}
