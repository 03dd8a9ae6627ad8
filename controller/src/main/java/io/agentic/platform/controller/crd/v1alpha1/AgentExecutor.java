package io.agentic.platform.controller.crd.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An agent worker a tenant asks for: the controller turns it into a ServiceAccount, Deployment,
 * Service and (where KEDA is installed) a ScaledObject. The group and spec fields are those of the
 * Crossplane claim this replaces, so existing claims apply unchanged.
 */
@Group(AgentExecutor.GROUP)
@Version(AgentExecutor.VERSION)
@ShortNames("ae")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class AgentExecutor extends CustomResource<AgentExecutorSpec, AgentExecutorStatus>
    implements Namespaced {

  public static final String GROUP = "platform.bizmatters.io";
  public static final String VERSION = "v1alpha1";

  @Override
  protected AgentExecutorSpec initSpec() {
    return new AgentExecutorSpec();
  }

  @Override
  protected AgentExecutorStatus initStatus() {
    return new AgentExecutorStatus();
  }
}
