package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.crd.v1alpha1.TenantStatus;
import io.agentic.platform.controller.crd.v1alpha1.TenantStatus.NamespaceState;
import io.agentic.platform.controller.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Onboards a tenant: takes its namespaces (creating or adopting them, never taking one another
 * tenant holds), keeps the developers' RoleBinding, quota, limits and default NetworkPolicy in
 * each, gives back the namespaces removed from the spec, and reports each namespace's state.
 * Deleting the Tenant gives all of them back. Reconciled again every few minutes, so a hand edit of
 * what the controller keeps is put back.
 */
@ControllerConfiguration(
    name = TenantReconciler.NAME,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(
    apiGroups = "",
    resources = "namespaces",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "rbac.authorization.k8s.io",
    resources = "rolebindings",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
// Binding the developer role needs "bind" on it, and only on it: the controller never holds (or
// can grant) what that role grants.
@RBACRule(
    apiGroups = "rbac.authorization.k8s.io",
    resources = "clusterroles",
    resourceNames = TenantRoleBinding.CLUSTER_ROLE,
    verbs = "bind")
@RBACRule(
    apiGroups = "",
    resources = {"resourcequotas", "limitranges"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
// The sandbox-router token Secret: changed only by name. Create cannot be limited by name; it
// shares a rule with the Events (a rule of secrets alone would be merged with the named one,
// which would make create impossible).
@RBACRule(
    apiGroups = "",
    resources = "secrets",
    resourceNames = TenantSandboxToken.NAME,
    verbs = {"get", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "",
    resources = {"secrets", "events"},
    verbs = "create")
@RBACRule(
    apiGroups = "networking.k8s.io",
    resources = "networkpolicies",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
public class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {

  public static final String NAME = "tenant";

  private static final Logger LOG = Logger.getLogger(TenantReconciler.class);

  private final TenantNetwork network;
  private final TenantSandboxToken sandboxTokens;

  TenantReconciler(ControllerConfig config) {
    this.network = TenantNetwork.from(config.tenants());
    this.sandboxTokens = TenantSandboxToken.from(config.tenants());
  }

  @Override
  public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
    KubernetesClient client = context.getClient();
    String name = tenant.getMetadata().getName();
    Set<String> wanted = new LinkedHashSet<>(tenant.getSpec().getNamespaces());
    List<NamespaceState> states = new ArrayList<>();
    for (String namespace : wanted) {
      states.add(take(client, tenant, namespace));
    }
    for (String held : TenantNamespaces.held(client, name)) {
      if (!wanted.contains(held)) {
        giveBack(client, tenant, held);
      }
    }
    TenantStatus previous = tenant.getStatus();
    TenantStatus next =
        TenantStatusAggregator.of(
            tenant.getMetadata().getGeneration(), states, previous, Instant.now());
    if (next.equals(previous)) {
      return UpdateControl.noUpdate();
    }
    recordTransition(client, tenant, previous, next);
    // The whole status replaced under optimistic locking and cached, as for AgentExecutors: the
    // next reconciliation starts from what was written.
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        tenant,
        context,
        latest -> {
          latest.setStatus(next);
          return latest;
        });
    tenant.setStatus(next);
    return UpdateControl.noUpdate();
  }

  @Override
  public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
    KubernetesClient client = context.getClient();
    for (String held : TenantNamespaces.held(client, tenant.getMetadata().getName())) {
      giveBack(client, tenant, held);
    }
    return DeleteControl.defaultDelete();
  }

  private NamespaceState take(KubernetesClient client, Tenant tenant, String namespace) {
    try {
      TenantNamespaces.Claim claim = TenantNamespaces.claim(client, tenant, namespace);
      if (claim instanceof TenantNamespaces.Claim.HeldByOther other) {
        return new NamespaceState(
            namespace,
            TenantStatusAggregator.STATE_CONFLICT,
            "the namespace belongs to tenant " + other.tenant() + "; a namespace has one tenant");
      }
      TenantChildren.apply(client, tenant, namespace, network, sandboxTokens);
      return new NamespaceState(namespace, TenantStatusAggregator.STATE_READY, "set up");
    } catch (IllegalStateException e) {
      return new NamespaceState(namespace, TenantStatusAggregator.STATE_FAILED, e.getMessage());
    } catch (KubernetesClientException e) {
      // E.g. a quota the API server refuses: the message says which field.
      LOG.warnf(
          "tenant %s: namespace %s not set up: %s",
          tenant.getMetadata().getName(), namespace, e.getMessage());
      return new NamespaceState(
          namespace,
          TenantStatusAggregator.STATE_FAILED,
          Objects.requireNonNullElse(
              e.getStatus() != null ? e.getStatus().getMessage() : null, e.getMessage()));
    }
  }

  private static void giveBack(KubernetesClient client, Tenant tenant, String namespace) {
    String name = tenant.getMetadata().getName();
    TenantChildren.remove(client, name, namespace);
    TenantNamespaces.release(client, name, namespace, tenant.getSpec().isDeleteNamespaces());
  }

  /** An Event when the tenant turns degraded (or degraded differently) or ready again. */
  private static void recordTransition(
      KubernetesClient client, Tenant tenant, TenantStatus before, TenantStatus after) {
    Condition degraded = find(after, TenantStatusAggregator.DEGRADED);
    Condition wasDegraded = find(before, TenantStatusAggregator.DEGRADED);
    boolean nowDegraded = degraded != null && "True".equals(degraded.getStatus());
    boolean sameAsBefore =
        wasDegraded != null
            && degraded != null
            && Objects.equals(wasDegraded.getStatus(), degraded.getStatus())
            && Objects.equals(wasDegraded.getMessage(), degraded.getMessage());
    if (sameAsBefore) {
      return;
    }
    boolean wasDegradedBefore = wasDegraded != null && "True".equals(wasDegraded.getStatus());
    if (!nowDegraded && !wasDegradedBefore && wasDegraded != null) {
      return; // healthy before and after
    }
    Condition shown = nowDegraded ? degraded : find(after, TenantStatusAggregator.READY);
    EventRecorder.publish(
        client, tenant, nowDegraded ? "Warning" : "Normal", shown.getReason(), shown.getMessage());
  }

  private static Condition find(TenantStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
