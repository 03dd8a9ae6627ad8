package io.agentic.platform.controller.monitoring;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Whether the Prometheus Operator's PodMonitor API exists in the cluster. */
public final class PrometheusOperator {

  public static final String POD_MONITOR_CRD = "podmonitors.monitoring.coreos.com";
  public static final String GROUP = "monitoring.coreos.com";
  public static final String VERSION = "v1";
  public static final String KIND = "PodMonitor";

  private PrometheusOperator() {}

  /** One GET per reconciliation, as for KEDA: notices the operator coming and going. */
  public static boolean installed(KubernetesClient client) {
    return client.apiextensions().v1().customResourceDefinitions().withName(POD_MONITOR_CRD).get()
        != null;
  }
}
