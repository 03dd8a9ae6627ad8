package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the controller keeps in each of a tenant's namespaces: the developers' RoleBinding, the
 * quota and limits when asked, the default NetworkPolicies and, with sandboxAccess, the
 * sandbox-router token. Each is written as desired on every reconciliation (so a hand edit is put
 * back), and removed when the tenant no longer asks for it or gives the namespace up.
 */
final class TenantChildren {

  private TenantChildren() {}

  /**
   * @throws IllegalStateException when the tenant asks for what the platform cannot give (a sandbox
   *     token without the router's key), with a message for the tenant's status
   */
  static void apply(
      KubernetesClient client,
      Tenant tenant,
      String namespace,
      TenantNetwork network,
      TenantSandboxToken sandboxTokens) {
    keep(
        client,
        RoleBinding.class,
        namespace,
        TenantRoleBinding.NAME,
        TenantRoleBinding.desired(tenant, namespace));
    keep(
        client,
        ResourceQuota.class,
        namespace,
        TenantResourceQuota.NAME,
        TenantResourceQuota.desired(tenant, namespace));
    keep(
        client,
        LimitRange.class,
        namespace,
        TenantLimitRange.NAME,
        TenantLimitRange.desired(tenant, namespace));
    keep(
        client,
        NetworkPolicy.class,
        namespace,
        TenantNetworkPolicy.NAME,
        Optional.of(TenantNetworkPolicy.desired(tenant, namespace, network)));
    keep(
        client,
        NetworkPolicy.class,
        namespace,
        TenantEgressPolicy.NAME,
        TenantEgressPolicy.desired(tenant, namespace, network));
    if (tenant.getSpec().isSandboxAccess()) {
      Secret existing =
          client.secrets().inNamespace(namespace).withName(TenantSandboxToken.NAME).get();
      sandboxTokens
          .desired(tenant, namespace, existing, Instant.now())
          .ifPresent(secret -> client.resource(secret).createOr(NonDeletingOperation::update));
    } else {
      client.secrets().inNamespace(namespace).withName(TenantSandboxToken.NAME).delete();
    }
  }

  /** Removes what the controller made for {@code tenant} in {@code namespace}. */
  static void remove(KubernetesClient client, String tenant, String namespace) {
    // By name: the tenant's own Secrets may carry any label.
    client.secrets().inNamespace(namespace).withName(TenantSandboxToken.NAME).delete();
    for (Class<? extends HasMetadata> kind :
        List.of(RoleBinding.class, ResourceQuota.class, LimitRange.class, NetworkPolicy.class)) {
      client
          .resources(kind)
          .inNamespace(namespace)
          .withLabel(TenantLabels.TENANT_NAME, tenant)
          .delete();
    }
  }

  private static <T extends HasMetadata> void keep(
      KubernetesClient client, Class<T> kind, String namespace, String name, Optional<T> desired) {
    if (desired.isPresent()) {
      client.resource(desired.get()).createOr(NonDeletingOperation::update);
    } else {
      client.resources(kind).inNamespace(namespace).withName(name).delete();
    }
  }
}
