package io.agentic.platform.controller.expose;

import java.util.Locale;

/**
 * The kinds of resource whose {@code platform.agentic.io/expose} annotation makes a route. They
 * belong to other projects (kagent, agentgateway) and are read as unstructured objects, so the
 * controller needs neither their models nor their CRDs to start.
 */
public enum SourceKind {
  /** A kagent agent: {@code /a2a/{ns}/{name}} to the Service kagent makes for it. */
  AGENT("kagent.dev", "Agent", "agents"),
  /** An agentgateway backend: {@code /llm/...} for {@code spec.ai}, {@code /mcp/...} for MCP. */
  AGENTGATEWAY_BACKEND("agentgateway.dev", "AgentgatewayBackend", "agentgatewaybackends");

  private final String group;
  private final String kind;
  private final String plural;

  SourceKind(String group, String kind, String plural) {
    this.group = group;
    this.kind = kind;
    this.plural = plural;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  /** The name of the kind's CustomResourceDefinition. */
  public String crdName() {
    return plural + "." + group;
  }

  /** The first part of the names of the routes made for this kind ({@code agent-<name>}). */
  String routeNamePrefix() {
    return kind.toLowerCase(Locale.ROOT);
  }
}
