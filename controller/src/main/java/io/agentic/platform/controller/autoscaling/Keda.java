package io.agentic.platform.controller.autoscaling;

/** KEDA's ScaledObject API, whose presence turns autoscaling on. */
public final class Keda {

  public static final String SCALED_OBJECT_CRD = "scaledobjects.keda.sh";
  public static final String GROUP = "keda.sh";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "ScaledObject";

  private Keda() {}
}
