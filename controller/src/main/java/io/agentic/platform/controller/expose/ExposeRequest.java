package io.agentic.platform.controller.expose;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.regex.Pattern;

/** What a source resource asks for through its annotations, read without any model of its kind. */
public sealed interface ExposeRequest {

  /** {@code platform.agentic.io/expose: "true"} asks for a route. */
  String EXPOSE = "platform.agentic.io/expose";

  /** Replaces the namespace segment of the path (e.g. {@code default}). */
  String ALIAS = "platform.agentic.io/expose-alias";

  /** The source does not ask for a route (or no longer does). */
  record NotAsked() implements ExposeRequest {}

  /** The source asks for a route it cannot have; {@code reason} is an Event reason. */
  record Refused(String reason, String message) implements ExposeRequest {}

  /**
   * The source asks for {@code path}, served by {@code backend}.
   *
   * @param stripPrefix whether the backend expects requests without the path (at its root)
   */
  record Wanted(String path, Backend backend, boolean stripPrefix) implements ExposeRequest {}

  /** A route's backendRef; {@code port} is null for kinds that have none (agentgateway's). */
  record Backend(String group, String kind, String name, Integer port) {}

  String INVALID_ALIAS = "InvalidExposeAlias";
  String NOT_EXPOSABLE = "NotExposable";

  /** DNS-1123 label: the alias becomes one path segment and must be as tame as a namespace name. */
  Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  static ExposeRequest read(SourceKind kind, GenericKubernetesResource source, int a2aPort) {
    Map<String, String> annotations = source.getMetadata().getAnnotations();
    if (annotations == null || !"true".equals(annotations.get(EXPOSE))) {
      return new NotAsked();
    }
    String segment = source.getMetadata().getNamespace();
    String alias = annotations.get(ALIAS);
    if (alias != null && !alias.isEmpty()) {
      if (!DNS_LABEL.matcher(alias).matches()) {
        return new Refused(
            INVALID_ALIAS,
            ALIAS
                + " must be a DNS-1123 label (lower-case letters, digits and '-', at most 63"
                + " characters, starting and ending with a letter or digit); got '"
                + abbreviate(alias)
                + "'");
      }
      segment = alias;
    }
    String name = source.getMetadata().getName();
    return switch (kind) {
      // kagent names the agent's Service after the agent and serves A2A at its root.
      case AGENT ->
          new Wanted(
              "/a2a/" + segment + "/" + name, new Backend("", "Service", name, a2aPort), true);
      case AGENTGATEWAY_BACKEND -> backend(source, segment, name);
    };
  }

  private static ExposeRequest backend(
      GenericKubernetesResource source, String segment, String name) {
    Backend backend =
        new Backend(
            SourceKind.AGENTGATEWAY_BACKEND.group(),
            SourceKind.AGENTGATEWAY_BACKEND.kind(),
            name,
            null);
    Object spec = source.getAdditionalProperties().get("spec");
    Map<?, ?> fields = spec instanceof Map<?, ?> map ? map : Map.of();
    if (fields.get("ai") != null) {
      // The provider's API paths follow the prefix (/llm/default/anthropic/v1/messages).
      return new Wanted("/llm/" + segment + "/" + name, backend, true);
    }
    if (fields.get("mcp") != null) {
      // agentgateway serves the MCP session itself, at the path the route matched.
      return new Wanted("/mcp/" + segment + "/" + name, backend, false);
    }
    return new Refused(
        NOT_EXPOSABLE,
        "only AI backends (spec.ai) and MCP backends (spec.mcp) are exposed; this backend has"
            + " neither");
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
