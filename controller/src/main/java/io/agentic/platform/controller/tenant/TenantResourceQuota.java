package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.Optional;

/** The tenant's quota, the same in each of its namespaces. */
final class TenantResourceQuota {

  static final String NAME = "tenant-quota";

  private TenantResourceQuota() {}

  static Optional<ResourceQuota> desired(Tenant tenant, String namespace) {
    if (tenant.getSpec().getQuota() == null || tenant.getSpec().getQuota().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceQuotaBuilder()
            .withMetadata(TenantLabels.child(tenant, namespace, NAME))
            .withNewSpec()
            .withHard(tenant.getSpec().getQuota())
            .endSpec()
            .build());
  }
}
