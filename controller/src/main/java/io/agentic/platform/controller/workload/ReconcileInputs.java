package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import io.agentic.platform.controller.secrets.AgentProfilesCheck;
import io.agentic.platform.controller.secrets.SecretCheck;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * What the reconciler found out before the dependents run, shared with them through the workflow
 * context so each cluster lookup happens once per reconciliation.
 *
 * @param tenant the tenant whose namespace the AgentExecutor is in, when it is a tenant's
 * @param scheduling the worker pods' scheduling: the AgentExecutor's own over the tenant's over the
 *     platform's default
 * @param wiring what the platform wires into every worker
 */
public record ReconcileInputs(
    SecretCheck secrets,
    AgentProfilesCheck profiles,
    boolean kedaInstalled,
    boolean podMonitorsInstalled,
    Optional<String> tenant,
    Scheduling scheduling,
    WorkerWiring wiring) {

  private static final String KEY = ReconcileInputs.class.getName();

  /** Inputs with nothing but the Secrets found, for an AgentExecutor outside any tenant. */
  public static ReconcileInputs withSecrets(SecretCheck secrets) {
    return new ReconcileInputs(
        secrets,
        AgentProfilesCheck.NONE,
        false,
        false,
        Optional.empty(),
        new Scheduling(),
        WorkerWiring.NONE);
  }

  public ReconcileInputs withTenant(String tenant) {
    return new ReconcileInputs(
        secrets,
        profiles,
        kedaInstalled,
        podMonitorsInstalled,
        Optional.of(tenant),
        scheduling,
        wiring);
  }

  public ReconcileInputs withProfiles(AgentProfilesCheck profiles) {
    return new ReconcileInputs(
        secrets, profiles, kedaInstalled, podMonitorsInstalled, tenant, scheduling, wiring);
  }

  public ReconcileInputs withScheduling(Scheduling scheduling) {
    return new ReconcileInputs(
        secrets, profiles, kedaInstalled, podMonitorsInstalled, tenant, scheduling, wiring);
  }

  public ReconcileInputs withWiring(WorkerWiring wiring) {
    return new ReconcileInputs(
        secrets, profiles, kedaInstalled, podMonitorsInstalled, tenant, scheduling, wiring);
  }

  public void putInto(Context<AgentExecutor> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  public static ReconcileInputs of(Context<AgentExecutor> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, ReconcileInputs.class);
  }
}
