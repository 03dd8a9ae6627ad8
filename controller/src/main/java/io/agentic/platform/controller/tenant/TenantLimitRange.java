package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.crd.v1alpha1.TenantSpec.TenantLimits;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import java.util.Optional;

/** Container defaults in each of the tenant's namespaces, for pods that set no resources. */
final class TenantLimitRange {

  static final String NAME = "tenant-limits";

  private TenantLimitRange() {}

  static Optional<LimitRange> desired(Tenant tenant, String namespace) {
    TenantLimits limits = tenant.getSpec().getLimits();
    if (limits == null
        || (limits.getDefaultLimits() == null && limits.getDefaultRequests() == null)) {
      return Optional.empty();
    }
    return Optional.of(
        new LimitRangeBuilder()
            .withMetadata(TenantLabels.child(tenant, namespace, NAME))
            .withNewSpec()
            .withLimits(
                new LimitRangeItemBuilder()
                    .withType("Container")
                    .withDefault(limits.getDefaultLimits())
                    .withDefaultRequest(limits.getDefaultRequests())
                    .build())
            .endSpec()
            .build());
  }
}
