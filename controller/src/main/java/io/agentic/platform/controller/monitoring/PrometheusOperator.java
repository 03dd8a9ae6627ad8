package io.agentic.platform.controller.monitoring;

/** The Prometheus Operator's PodMonitor API, whose presence turns PodMonitors on. */
public final class PrometheusOperator {

  public static final String POD_MONITOR_CRD = "podmonitors.monitoring.coreos.com";
  public static final String GROUP = "monitoring.coreos.com";
  public static final String VERSION = "v1";
  public static final String KIND = "PodMonitor";

  private PrometheusOperator() {}
}
