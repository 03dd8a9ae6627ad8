package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.Optional;

/** The tenant's developers bound to the chart's {@code tenant-agent-developer} ClusterRole. */
final class TenantRoleBinding {

  static final String NAME = "tenant-agent-developer";
  static final String CLUSTER_ROLE = "tenant-agent-developer";

  private TenantRoleBinding() {}

  /** Empty when the tenant names no developers: a binding without subjects binds nobody. */
  static Optional<RoleBinding> desired(Tenant tenant, String namespace) {
    if (tenant.getSpec().getDevelopers().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RoleBindingBuilder()
            .withMetadata(TenantLabels.child(tenant, namespace, NAME))
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName(CLUSTER_ROLE)
            .endRoleRef()
            .withSubjects(tenant.getSpec().getDevelopers())
            .build());
  }
}
