package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.secrets.SecretCheck;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * What the reconciler found out before the dependents run, shared with them through the workflow
 * context so each cluster lookup happens once per reconciliation. {@code tenant}: the tenant whose
 * namespace the AgentExecutor is in, when it is a tenant's.
 */
public record ReconcileInputs(SecretCheck secrets, boolean kedaInstalled, Optional<String> tenant) {

  private static final String KEY = ReconcileInputs.class.getName();

  public void putInto(Context<AgentExecutor> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  public static ReconcileInputs of(Context<AgentExecutor> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, ReconcileInputs.class);
  }
}
