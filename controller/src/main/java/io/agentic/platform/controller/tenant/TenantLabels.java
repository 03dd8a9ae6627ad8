package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/** The labels that mark a namespace, and what the controller made in it, as a tenant's. */
public final class TenantLabels {

  /** On a tenant's namespaces: the router's namespace selector and NetworkPolicies key on it. */
  public static final String TENANT = "platform.agentic.io/tenant";

  /** The tenant a namespace (or an object the controller made there) belongs to. */
  public static final String TENANT_NAME = "platform.agentic.io/tenant-name";

  /** On a namespace the controller created for a tenant (not on adopted ones). */
  public static final String CREATED_BY = "platform.agentic.io/created-by-tenant";

  private TenantLabels() {}

  /**
   * Metadata of an object the controller keeps in a tenant's namespace: labelled with the tenant
   * and owned by it, so it goes when the Tenant is deleted.
   */
  static ObjectMeta child(Tenant tenant, String namespace, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(
            Map.of(
                TENANT_NAME,
                tenant.getMetadata().getName(),
                WorkloadLabels.MANAGED_BY,
                WorkloadLabels.CONTROLLER))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion())
                .withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName())
                .withUid(tenant.getMetadata().getUid())
                .build())
        .build();
  }
}
