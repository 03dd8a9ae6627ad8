package io.agentic.platform.controller.autoscaling;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.workload.ReconcileInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activates the ScaledObject (and its informer) only where the KEDA CRD is installed. */
public class KedaInstalledCondition implements Condition<ScaledObject, AgentExecutor> {

  @Override
  public boolean isMet(
      DependentResource<ScaledObject, AgentExecutor> dependentResource,
      AgentExecutor primary,
      Context<AgentExecutor> context) {
    return ReconcileInputs.of(context).kedaInstalled();
  }
}
