package io.agentic.platform.controller.monitoring;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.workload.ReconcileInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activates the PodMonitor (and its informer) only where the Prometheus Operator is installed. */
public class PrometheusOperatorInstalledCondition implements Condition<PodMonitor, AgentExecutor> {

  @Override
  public boolean isMet(
      DependentResource<PodMonitor, AgentExecutor> dependentResource,
      AgentExecutor primary,
      Context<AgentExecutor> context) {
    return ReconcileInputs.of(context).podMonitorsInstalled();
  }
}
