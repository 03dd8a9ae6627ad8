package io.agentic.platform.router.routing;

/** Where a request goes: a sandbox's Service in a namespace, on one port. */
public record SandboxTarget(String id, String namespace, int port) {

  public String host(String clusterDomain) {
    return id + "." + namespace + ".svc." + clusterDomain;
  }
}
