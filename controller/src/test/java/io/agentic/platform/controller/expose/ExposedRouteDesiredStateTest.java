package io.agentic.platform.controller.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route a source asks for, read from its annotations and spec alone. */
class ExposedRouteDesiredStateTest {

  private static final ExposedRoute.Gateway GATEWAY =
      new ExposedRoute.Gateway("agentgateway-proxy", "agentgateway-system", "platform");

  @Test
  void anAgentIsServedAtA2aThroughItsServiceWithThePrefixStripped() {
    GenericKubernetesResource agent =
        agent("team-a", "billing", Map.of(ExposeRequest.EXPOSE, "true"));
    HTTPRoute route = desired(SourceKind.AGENT, agent);

    assertEquals("agent-billing", route.getMetadata().getName());
    assertEquals("team-a", route.getMetadata().getNamespace());
    HTTPRouteRule rule = route.getSpec().getRules().get(0);
    assertEquals("PathPrefix", rule.getMatches().get(0).getPath().getType());
    assertEquals("/a2a/team-a/billing", rule.getMatches().get(0).getPath().getValue());
    HTTPBackendRef backend = rule.getBackendRefs().get(0);
    assertEquals("", backend.getGroup());
    assertEquals("Service", backend.getKind());
    assertEquals("billing", backend.getName());
    assertEquals(8080, backend.getPort());
    assertEquals("URLRewrite", rule.getFilters().get(0).getType());
    assertEquals(
        "ReplacePrefixMatch", rule.getFilters().get(0).getUrlRewrite().getPath().getType());
    assertEquals("/", rule.getFilters().get(0).getUrlRewrite().getPath().getReplacePrefixMatch());
    ParentReference parent = route.getSpec().getParentRefs().get(0);
    assertEquals("agentgateway-proxy", parent.getName());
    assertEquals("agentgateway-system", parent.getNamespace());
    assertEquals("platform", parent.getSectionName());
    assertEquals("Gateway", parent.getKind());
  }

  @Test
  void theRouteIsOwnedByItsSourceSoItGoesWithIt() {
    GenericKubernetesResource agent =
        agent("team-a", "billing", Map.of(ExposeRequest.EXPOSE, "true"));
    OwnerReference owner =
        desired(SourceKind.AGENT, agent).getMetadata().getOwnerReferences().get(0);
    assertEquals("kagent.dev/v1alpha2", owner.getApiVersion());
    assertEquals("Agent", owner.getKind());
    assertEquals("billing", owner.getName());
    assertEquals("uid-billing", owner.getUid());
    assertTrue(owner.getController());
  }

  @Test
  void anAiBackendIsServedAtLlmAndAnMcpBackendAtMcpWithItsPathKept() {
    HTTPRoute llm =
        desired(
            SourceKind.AGENTGATEWAY_BACKEND,
            backend("team-a", "anthropic", "ai", Map.of(ExposeRequest.EXPOSE, "true")));
    assertEquals("agentgatewaybackend-anthropic", llm.getMetadata().getName());
    HTTPRouteRule llmRule = llm.getSpec().getRules().get(0);
    assertEquals("/llm/team-a/anthropic", llmRule.getMatches().get(0).getPath().getValue());
    assertEquals("agentgateway.dev", llmRule.getBackendRefs().get(0).getGroup());
    assertEquals("AgentgatewayBackend", llmRule.getBackendRefs().get(0).getKind());
    assertNull(llmRule.getBackendRefs().get(0).getPort());
    assertEquals(1, llmRule.getFilters().size());

    HTTPRouteRule mcpRule =
        desired(
                SourceKind.AGENTGATEWAY_BACKEND,
                backend("team-a", "tools", "mcp", Map.of(ExposeRequest.EXPOSE, "true")))
            .getSpec()
            .getRules()
            .get(0);
    assertEquals("/mcp/team-a/tools", mcpRule.getMatches().get(0).getPath().getValue());
    assertTrue(mcpRule.getFilters().isEmpty());
  }

  @Test
  void anAliasReplacesTheNamespaceSegment() {
    GenericKubernetesResource backend =
        backend(
            "agentgateway-system",
            "anthropic",
            "ai",
            Map.of(ExposeRequest.EXPOSE, "true", ExposeRequest.ALIAS, "default"));
    assertEquals(
        "/llm/default/anthropic",
        desired(SourceKind.AGENTGATEWAY_BACKEND, backend)
            .getSpec()
            .getRules()
            .get(0)
            .getMatches()
            .get(0)
            .getPath()
            .getValue());
  }

  @Test
  void anAliasThatIsNotADnsLabelIsRefusedWithTheReason() {
    for (String alias : List.of("Default", "a/b", "-x", "x".repeat(64), "../admin")) {
      ExposeRequest request =
          ExposeRequest.read(
              SourceKind.AGENT,
              agent(
                  "team-a",
                  "billing",
                  Map.of(ExposeRequest.EXPOSE, "true", ExposeRequest.ALIAS, alias)),
              8080);
      ExposeRequest.Refused refused = assertInstanceOf(ExposeRequest.Refused.class, request, alias);
      assertEquals(ExposeRequest.INVALID_ALIAS, refused.reason());
      assertTrue(refused.message().contains("DNS-1123"), refused.message());
    }
  }

  @Test
  void onlyTrueAsksAndABackendThatIsNeitherAiNorMcpIsRefused() {
    for (String value : List.of("false", "yes", "True", "")) {
      assertInstanceOf(
          ExposeRequest.NotAsked.class,
          ExposeRequest.read(
              SourceKind.AGENT, agent("a", "b", Map.of(ExposeRequest.EXPOSE, value)), 8080));
    }
    assertInstanceOf(
        ExposeRequest.NotAsked.class,
        ExposeRequest.read(SourceKind.AGENT, agent("a", "b", Map.of()), 8080));
    ExposeRequest.Refused refused =
        assertInstanceOf(
            ExposeRequest.Refused.class,
            ExposeRequest.read(
                SourceKind.AGENTGATEWAY_BACKEND,
                backend("a", "static", "static", Map.of(ExposeRequest.EXPOSE, "true")),
                8080));
    assertEquals(ExposeRequest.NOT_EXPOSABLE, refused.reason());
  }

  @Test
  void aLongSourceNameGivesARouteNameWithinTheLimitThatStaysUnique() {
    String first = "a".repeat(250);
    String second = "a".repeat(249) + "b";
    String one = ExposedRoute.name(SourceKind.AGENTGATEWAY_BACKEND, first);
    String other = ExposedRoute.name(SourceKind.AGENTGATEWAY_BACKEND, second);
    assertTrue(one.length() <= 253, one);
    assertFalse(one.equals(other));
  }

  @Test
  void aRouteReadBackMatchesAndAHandEditDoesNot() {
    GenericKubernetesResource agent =
        agent("team-a", "billing", Map.of(ExposeRequest.EXPOSE, "true"));
    HTTPRoute desired = desired(SourceKind.AGENT, agent);
    HTTPRoute readBack =
        new HTTPRouteBuilder(desired)
            .editMetadata()
            .withResourceVersion("7")
            .addToLabels("team", "a")
            .addToAnnotations("note", "kept")
            .endMetadata()
            .build();
    assertTrue(ExposedRoute.matches(readBack, desired));

    HTTPRoute edited =
        new HTTPRouteBuilder(readBack)
            .editSpec()
            .editFirstRule()
            .editFirstBackendRef()
            .withName("someone-else")
            .endBackendRef()
            .endRule()
            .endSpec()
            .build();
    assertFalse(ExposedRoute.matches(edited, desired));
    HTTPRoute unlabelled =
        new HTTPRouteBuilder(readBack).editMetadata().withLabels(Map.of()).endMetadata().build();
    assertFalse(ExposedRoute.matches(unlabelled, desired));
  }

  @Test
  void theOldestClaimHoldsAPathAndTiesGoByNamespaceThenName() {
    GenericKubernetesResource older = created(agent("zeta", "x", Map.of()), "2026-01-01T00:00:00Z");
    GenericKubernetesResource newer =
        created(agent("alpha", "x", Map.of()), "2026-01-01T00:00:01Z");
    assertEquals(older, PathClaims.holder(List.of(newer, older)).orElseThrow());
    GenericKubernetesResource tied = created(agent("alpha", "x", Map.of()), "2026-01-01T00:00:00Z");
    assertEquals(tied, PathClaims.holder(List.of(older, tied)).orElseThrow());
  }

  @Test
  void aSourceIsIndexedByThePathItAsksForOnly() {
    assertEquals(
        List.of("/a2a/shared/x"),
        PathClaims.claimed(
            SourceKind.AGENT,
            agent(
                "team-a",
                "x",
                Map.of(ExposeRequest.EXPOSE, "true", ExposeRequest.ALIAS, "shared"))));
    assertEquals(List.of(), PathClaims.claimed(SourceKind.AGENT, agent("team-a", "x", Map.of())));
  }

  @Test
  void theCacheKeepsOnlyWhatARouteNeeds() {
    GenericKubernetesResource backend =
        backend(
            "team-a",
            "anthropic",
            "ai",
            Map.of(
                ExposeRequest.EXPOSE,
                "true",
                "kubectl.kubernetes.io/last-applied-configuration",
                "{}"));
    GenericKubernetesResource slim = SlimSources.source(backend);
    assertEquals(Map.of(ExposeRequest.EXPOSE, "true"), slim.getMetadata().getAnnotations());
    assertEquals(Map.of("ai", Map.of()), slim.getAdditionalProperties().get("spec"));
    assertEquals(
        ExposeRequest.read(SourceKind.AGENTGATEWAY_BACKEND, backend, 8080),
        ExposeRequest.read(SourceKind.AGENTGATEWAY_BACKEND, slim, 8080));
  }

  private static HTTPRoute desired(SourceKind kind, GenericKubernetesResource source) {
    ExposeRequest.Wanted wanted =
        assertInstanceOf(ExposeRequest.Wanted.class, ExposeRequest.read(kind, source, 8080));
    return ExposedRoute.desired(kind, source, wanted, GATEWAY);
  }

  static GenericKubernetesResource agent(
      String namespace, String name, Map<String, String> annotations) {
    return source(
        "kagent.dev/v1alpha2",
        "Agent",
        namespace,
        name,
        annotations,
        Map.of("type", "Declarative", "declarative", Map.of("systemMessage", "hi")));
  }

  static GenericKubernetesResource backend(
      String namespace, String name, String type, Map<String, String> annotations) {
    return source(
        "agentgateway.dev/v1alpha1",
        "AgentgatewayBackend",
        namespace,
        name,
        annotations,
        Map.of(type, Map.of("provider", Map.of())));
  }

  private static GenericKubernetesResource source(
      String apiVersion,
      String kind,
      String namespace,
      String name,
      Map<String, String> annotations,
      Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid("uid-" + name)
        .withAnnotations(annotations)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static GenericKubernetesResource created(GenericKubernetesResource source, String at) {
    source.getMetadata().setCreationTimestamp(at);
    return source;
  }
}
