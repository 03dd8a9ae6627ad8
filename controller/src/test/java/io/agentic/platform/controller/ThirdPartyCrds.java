package io.agentic.platform.controller;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

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
