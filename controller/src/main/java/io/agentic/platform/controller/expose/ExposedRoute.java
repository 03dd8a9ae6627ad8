package io.agentic.platform.controller.expose;

import io.agentic.platform.controller.secrets.ValueDigests;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTPRoute generated for a source: named after the source and its kind, in the source's
 * namespace, owned by the source (so it is garbage-collected with it), attached to the platform's
 * Gateway listener, matching the path prefix and rewriting it away where the backend expects its
 * root.
 */
public final class ExposedRoute {

  /** Which kind of source a generated route was made for (its owner says which one). */
  public static final String SOURCE_KIND_LABEL = "platform.agentic.io/exposed-kind";

  static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";

  private static final int MAX_NAME = 253;

  private ExposedRoute() {}

  /** The platform's Gateway and listener the routes attach to. */
  public record Gateway(String name, String namespace, String listener) {}

  /** {@code agent-<name>}, shortened with a digest when that passes the name limit. */
  public static String name(SourceKind kind, String sourceName) {
    String name = kind.routeNamePrefix() + "-" + sourceName;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String digest = ValueDigests.sha256(name).substring(0, 10);
    return name.substring(0, MAX_NAME - digest.length() - 1) + "-" + digest;
  }

  static HTTPRoute desired(
      SourceKind kind,
      GenericKubernetesResource source,
      ExposeRequest.Wanted wanted,
      Gateway gateway) {
    String namespace = source.getMetadata().getNamespace();
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion(source.getApiVersion())
            .withKind(source.getKind())
            .withName(source.getMetadata().getName())
            .withUid(source.getMetadata().getUid())
            .withController(true)
            .build();
    // Every field the API server would default is given, so a route read back equals the
    // desired one and an unchanged route is never written again.
    HTTPBackendRef backendRef =
        new HTTPBackendRefBuilder()
            .withGroup(wanted.backend().group())
            .withKind(wanted.backend().kind())
            .withName(wanted.backend().name())
            .withPort(wanted.backend().port())
            .withWeight(1)
            .build();
    List<HTTPRouteFilter> filters =
        wanted.stripPrefix()
            ? List.of(
                new HTTPRouteFilterBuilder()
                    .withType("URLRewrite")
                    .withNewUrlRewrite()
                    .withNewPath()
                    .withType("ReplacePrefixMatch")
                    .withReplacePrefixMatch("/")
                    .endPath()
                    .endUrlRewrite()
                    .build())
            : List.of();
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withName(name(kind, source.getMetadata().getName()))
        .withNamespace(namespace)
        .withLabels(labels(kind))
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withParentRefs(
            new ParentReferenceBuilder()
                .withGroup(GATEWAY_API_GROUP)
                .withKind("Gateway")
                .withName(gateway.name())
                .withNamespace(gateway.namespace())
                .withSectionName(gateway.listener())
                .build())
        .addNewRule()
        .addNewMatch()
        .withNewPath()
        .withType("PathPrefix")
        .withValue(wanted.path())
        .endPath()
        .endMatch()
        .withFilters(filters)
        .withBackendRefs(backendRef)
        .endRule()
        .endSpec()
        .build();
  }

  /** Whether {@code actual} is what {@code desired} asks for (a hand edit makes it differ). */
  static boolean matches(HTTPRoute actual, HTTPRoute desired) {
    Map<String, String> labels = actual.getMetadata().getLabels();
    boolean labelled =
        labels != null
            && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet());
    return labelled
        && Objects.equals(
            actual.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())
        && Objects.equals(actual.getSpec(), desired.getSpec());
  }

  /**
   * Whether a route was generated for {@code source} (and may be changed by this controller): it
   * carries the generated labels, or, should a hand edit have removed them, the source as its
   * controlling owner.
   */
  static boolean isGeneratedFor(HTTPRoute route, GenericKubernetesResource source) {
    Map<String, String> labels = route.getMetadata().getLabels();
    boolean labelled =
        labels != null
            && WorkloadLabels.CONTROLLER.equals(labels.get(WorkloadLabels.MANAGED_BY))
            && labels.containsKey(SOURCE_KIND_LABEL);
    boolean owned =
        route.getMetadata().getOwnerReferences().stream()
            .anyMatch(
                o ->
                    Boolean.TRUE.equals(o.getController())
                        && Objects.equals(o.getUid(), source.getMetadata().getUid()));
    return labelled || owned;
  }

  /** The path a route serves, as generated (the first match of its only rule). */
  static String path(HTTPRoute route) {
    return route.getSpec().getRules().get(0).getMatches().get(0).getPath().getValue();
  }

  private static Map<String, String> labels(SourceKind kind) {
    return Map.of(
        WorkloadLabels.MANAGED_BY,
        WorkloadLabels.CONTROLLER,
        SOURCE_KIND_LABEL,
        kind.routeNamePrefix());
  }
}
