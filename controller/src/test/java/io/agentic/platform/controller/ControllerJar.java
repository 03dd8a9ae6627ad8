package io.agentic.platform.controller;

import io.agentic.platform.testsupport.PackagedJar;

/** The packaged controller as the process tests start it, against a given Kubernetes API. */
final class ControllerJar {

  private ControllerJar() {}

  /** Only {@code apiServer} is used: no kubeconfig and no service account of this machine. */
  static PackagedJar against(String apiServer, String name) {
    return PackagedJar.quarkusApp(name)
        .systemProperty("kubernetes.master", apiServer)
        .systemProperty("kubernetes.auth.tryKubeConfig", "false")
        .systemProperty("kubernetes.auth.tryServiceAccount", "false")
        .systemProperty("kubernetes.namespace", "test")
        .systemProperty("quarkus.http.port", "0")
        .systemProperty("quarkus.management.port", "0")
        .systemProperty("quarkus.otel.sdk.disabled", "true");
  }
}
