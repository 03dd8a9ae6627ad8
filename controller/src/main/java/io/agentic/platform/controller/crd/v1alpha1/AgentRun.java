package io.agentic.platform.controller.crd.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One agent run on demand, or a few steps in order, each as a Kubernetes Job running the
 * agent-executor image in its one-shot {@code run} mode.
 */
@Group(AgentExecutor.GROUP)
@Version(AgentExecutor.VERSION)
@ShortNames("ar")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Agent",
    jsonPath = ".spec.agent",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Runtime",
    jsonPath = ".spec.runtime.type",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Duration",
    jsonPath = ".status.duration",
    type = AdditionalPrinterColumn.Type.STRING)
public class AgentRun extends CustomResource<AgentRunSpec, AgentRunStatus> implements Namespaced {

  @Override
  protected AgentRunSpec initSpec() {
    return new AgentRunSpec();
  }

  @Override
  protected AgentRunStatus initStatus() {
    return new AgentRunStatus();
  }
}
