package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** ClusterIP Service on 8080 in front of this AgentExecutor's pods only. */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadLabels.MANAGED_SELECTOR))
public class AgentExecutorServiceDependentResource
    extends CRUDKubernetesDependentResource<Service, AgentExecutor> {

  public AgentExecutorServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected Service desired(AgentExecutor executor, Context<AgentExecutor> context) {
    return new ServiceBuilder()
        .withMetadata(WorkloadLabels.childMetadata(executor))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(WorkloadLabels.selector(executor))
        .addNewPort()
        .withName(WorkerPod.HTTP_PORT_NAME)
        .withPort(WorkerPod.HTTP_PORT)
        .withTargetPort(new IntOrString(WorkerPod.HTTP_PORT))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
