package io.agentic.platform.controller;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;

/**
 * The CRDs of the optional APIs the controller looks for, as their installers would create them.
 */
public final class ThirdPartyCrds {

  private ThirdPartyCrds() {}

  public static CustomResourceDefinition kedaScaledObject() {
    return namespaced("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects");
  }

  public static CustomResourceDefinition prometheusPodMonitor() {
    return namespaced("monitoring.coreos.com", "v1", "PodMonitor", "podmonitors");
  }

  /** kagent's Agent, served in two versions as kagent installs it (v1alpha2 stored). */
  public static CustomResourceDefinition kagentAgent() {
    CustomResourceDefinition crd = namespaced("kagent.dev", "v1alpha2", "Agent", "agents");
    crd.getSpec()
        .getVersions()
        .add(
            0,
            new CustomResourceDefinitionVersionBuilder()
                .withName("v1alpha1")
                .withServed(true)
                .withStorage(false)
                .build());
    return crd;
  }

  public static CustomResourceDefinition agentgatewayBackend() {
    return namespaced(
        "agentgateway.dev", "v1alpha1", "AgentgatewayBackend", "agentgatewaybackends");
  }

  public static CustomResourceDefinition gatewayApiHttpRoute() {
    return namespaced("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes");
  }

  private static CustomResourceDefinition namespaced(
      String group, String version, String kind, String plural) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withPlural(plural)
        .withSingular(kind.toLowerCase())
        .endNames()
        .addNewVersion()
        .withName(version)
        .withServed(true)
        .withStorage(true)
        .endVersion()
        .endSpec()
        .build();
  }
}
