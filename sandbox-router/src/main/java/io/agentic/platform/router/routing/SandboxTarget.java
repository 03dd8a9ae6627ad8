package io.agentic.platform.router.routing;

/** Where a request goes: a sandbox's Service in a namespace, on one port. */
public record SandboxTarget(String id, String namespace, int port) {

  /** The Service's name as the sandbox sees it in the Host header. */
  public String host(String clusterDomain) {
    return id + "." + namespace + ".svc." + clusterDomain;
  }

  /**
   * The fully qualified name the router resolves: with the trailing dot, a resolver takes it as is,
   * rather than trying the search domains of the pod's resolv.conf (ndots 5) first, which costs
   * lookups and could resolve the name to something else.
   */
  public String absoluteHost(String clusterDomain) {
    return host(clusterDomain) + ".";
  }
}
