package io.agentic.platform.controller.autoscaling;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Whether KEDA's ScaledObject API exists in the cluster. */
public final class Keda {

  public static final String SCALED_OBJECT_CRD = "scaledobjects.keda.sh";
  public static final String GROUP = "keda.sh";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "ScaledObject";

  private Keda() {}

  /**
   * One GET per reconciliation: cheap, and it notices KEDA being installed or removed without a
   * cluster-wide watch on CustomResourceDefinitions.
   */
  public static boolean installed(KubernetesClient client) {
    return client.apiextensions().v1().customResourceDefinitions().withName(SCALED_OBJECT_CRD).get()
        != null;
  }
}
