package io.agentic.platform.controller.crd.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A tenant of the platform (cluster-scoped): its namespaces, who develops agents in them, and the
 * quota, limits and network isolation they get. The controller labels the namespaces as the
 * tenant's (the router's namespace selector and the NetworkPolicies key on that) and binds the
 * {@code tenant-agent-developer} ClusterRole in each.
 */
@Group(AgentExecutor.GROUP)
@Version(AgentExecutor.VERSION)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Namespaces",
    jsonPath = ".spec.namespaces",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Tenant extends CustomResource<TenantSpec, TenantStatus> {

  @Override
  protected TenantSpec initSpec() {
    return new TenantSpec();
  }

  @Override
  protected TenantStatus initStatus() {
    return new TenantStatus();
  }
}
