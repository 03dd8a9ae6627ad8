package io.agentic.platform.controller.expose;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route generation running in the controller against the fabric8 mock server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RouteGenerationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ResourceDefinitionContext AGENTS =
      context("kagent.dev", "v1alpha2", "Agent", "agents");
  private static final ResourceDefinitionContext BACKENDS =
      context("agentgateway.dev", "v1alpha1", "AgentgatewayBackend", "agentgatewaybackends");

  @Inject KubernetesClient client;
  @Inject MeterRegistry registry;

  @BeforeEach
  void theSourceKindsAndTheGatewayApiAreInstalled() {
    for (CustomResourceDefinition crd :
        new CustomResourceDefinition[] {
          ThirdPartyCrds.kagentAgent(),
          ThirdPartyCrds.agentgatewayBackend(),
          ThirdPartyCrds.gatewayApiHttpRoute()
        }) {
      if (client.resource(crd).get() == null) {
        client.resource(crd).create();
      }
    }
    await().atMost(TIMEOUT).until(() -> gauge("controller_expose_gateway_api_installed") == 1);
  }

  @Test
  void anAnnotatedAgentGetsAnA2aRouteOwnedByItAndIsToldSo() {
    String ns = namespace();
    GenericKubernetesResource agent =
        create(AGENTS, source(ns, "billing", Map.of("platform.agentic.io/expose", "true")));

    HTTPRoute route = awaitRoute(ns, "agent-billing", r -> true);
    assertEquals("/a2a/" + ns + "/billing", path(route));
    assertEquals("billing", route.getSpec().getRules().get(0).getBackendRefs().get(0).getName());
    assertEquals(8080, route.getSpec().getRules().get(0).getBackendRefs().get(0).getPort());
    assertEquals("agentgateway-proxy", route.getSpec().getParentRefs().get(0).getName());
    assertEquals(
        agent.getMetadata().getUid(), route.getMetadata().getOwnerReferences().get(0).getUid());
    assertTrue(route.getMetadata().getOwnerReferences().get(0).getController());
    Event told = awaitEvent(ns, "billing", ExposedRouteReconciler.EXPOSED);
    assertEquals("Normal", told.getType());
    assertTrue(told.getMessage().contains("/a2a/" + ns + "/billing"), told.getMessage());
  }

  @Test
  void aiAndMcpBackendsGetTheirRoutesAndAnAliasNamesTheSegment() {
    String ns = namespace();
    create(
        BACKENDS,
        backend(
            ns,
            "anthropic",
            "ai",
            Map.of(
                "platform.agentic.io/expose",
                "true",
                "platform.agentic.io/expose-alias",
                "d-" + ns)));
    create(BACKENDS, backend(ns, "tools", "mcp", Map.of("platform.agentic.io/expose", "true")));
    create(BACKENDS, backend(ns, "plain", "static", Map.of("platform.agentic.io/expose", "true")));
    create(
        BACKENDS,
        backend(
            ns,
            "bad-alias",
            "ai",
            Map.of(
                "platform.agentic.io/expose",
                "true",
                "platform.agentic.io/expose-alias",
                "Not/A/Label")));

    HTTPRoute llm = awaitRoute(ns, "agentgatewaybackend-anthropic", r -> true);
    assertEquals("/llm/d-" + ns + "/anthropic", path(llm));
    assertEquals(
        "AgentgatewayBackend", llm.getSpec().getRules().get(0).getBackendRefs().get(0).getKind());
    HTTPRoute mcp = awaitRoute(ns, "agentgatewaybackend-tools", r -> true);
    assertEquals("/mcp/" + ns + "/tools", path(mcp));
    assertEquals("Warning", awaitEvent(ns, "plain", ExposeRequest.NOT_EXPOSABLE).getType());
    assertEquals("Warning", awaitEvent(ns, "bad-alias", ExposeRequest.INVALID_ALIAS).getType());
    assertNull(route(ns, "agentgatewaybackend-plain"));
    assertNull(route(ns, "agentgatewaybackend-bad-alias"));
  }

  @Test
  void theRouteFollowsTheAnnotationsAndTheSpec() {
    String ns = namespace();
    create(BACKENDS, backend(ns, "b", "ai", Map.of("platform.agentic.io/expose", "true")));
    awaitRoute(ns, "agentgatewaybackend-b", r -> path(r).equals("/llm/" + ns + "/b"));

    edit(
        BACKENDS,
        ns,
        "b",
        b ->
            b.getMetadata()
                .getAnnotations()
                .put("platform.agentic.io/expose-alias", "shared-" + ns));
    awaitRoute(ns, "agentgatewaybackend-b", r -> path(r).equals("/llm/shared-" + ns + "/b"));

    edit(
        BACKENDS,
        ns,
        "b",
        b ->
            b.setAdditionalProperty("spec", Map.of("mcp", Map.of("targets", java.util.List.of()))));
    awaitRoute(ns, "agentgatewaybackend-b", r -> path(r).equals("/mcp/shared-" + ns + "/b"));

    edit(
        BACKENDS,
        ns,
        "b",
        b -> b.getMetadata().getAnnotations().remove("platform.agentic.io/expose"));
    await().atMost(TIMEOUT).until(() -> route(ns, "agentgatewaybackend-b") == null);
    awaitEvent(ns, "b", ExposedRouteReconciler.UNEXPOSED);
  }

  @Test
  void theExamplesGetTheRoutesTheirCommentsPromise() {
    for (GenericKubernetesResource source : Examples.exposedSources()) {
      create(source.getKind().equals("Agent") ? AGENTS : BACKENDS, source);
    }
    assertEquals(
        "/a2a/team-a/billing-assistant",
        path(awaitRoute("team-a", "agent-billing-assistant", r -> true)));
    assertEquals(
        "/llm/default/anthropic",
        path(awaitRoute("agentgateway-system", "agentgatewaybackend-anthropic", r -> true)));
    assertEquals(
        "/mcp/team-a/team-tools",
        path(awaitRoute("team-a", "agentgatewaybackend-team-tools", r -> true)));
  }

  @Test
  void aHandEditIsPutBackAndADeletedRouteComesBack() {
    String ns = namespace();
    create(AGENTS, source(ns, "a", Map.of("platform.agentic.io/expose", "true")));
    HTTPRoute route = awaitRoute(ns, "agent-a", r -> true);

    client
        .resource(route)
        .edit(
            r -> {
              r.getSpec().getRules().get(0).getBackendRefs().get(0).setName("elsewhere");
              r.getMetadata().setAnnotations(new HashMap<>(Map.of("team", "kept")));
              r.getMetadata().getLabels().clear(); // out of the controller's sight, still owned
              return r;
            });
    HTTPRoute restored =
        awaitRoute(
            ns,
            "agent-a",
            r -> "a".equals(r.getSpec().getRules().get(0).getBackendRefs().get(0).getName()));
    assertEquals("kept", restored.getMetadata().getAnnotations().get("team"));
    assertEquals(
        "agentic-platform-controller",
        restored.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));

    client.resource(restored).delete();
    awaitRoute(
        ns, "agent-a", r -> !r.getMetadata().getUid().equals(restored.getMetadata().getUid()));
  }

  @Test
  void aDeletedSourceTakesItsRouteWithIt() {
    String ns = namespace();
    create(AGENTS, source(ns, "gone", Map.of("platform.agentic.io/expose", "true")));
    awaitRoute(ns, "agent-gone", r -> true);

    client.genericKubernetesResources(AGENTS).inNamespace(ns).withName("gone").delete();
    await().atMost(TIMEOUT).until(() -> route(ns, "agent-gone") == null);
  }

  @Test
  void ofTwoSourcesClaimingOnePathTheOlderKeepsItAndTheNewerInheritsIt() {
    String id = id();
    // Created in this order; should both fall in the same second, the namespaces' order agrees.
    String olderNs = "a-" + id;
    String newerNs = "b-" + id;
    Map<String, String> shared =
        Map.of("platform.agentic.io/expose", "true", "platform.agentic.io/expose-alias", "s-" + id);
    double conflictsBefore = gauge("controller_expose_conflicts");
    create(AGENTS, source(olderNs, "x", shared));
    awaitRoute(olderNs, "agent-x", r -> true);
    create(AGENTS, source(newerNs, "x", shared));

    Event taken = awaitEvent(newerNs, "x", ExposedRouteReconciler.PATH_TAKEN);
    assertEquals("Warning", taken.getType());
    assertTrue(taken.getMessage().contains(olderNs + "/x"), taken.getMessage());
    assertNull(route(newerNs, "agent-x"));
    await()
        .atMost(TIMEOUT)
        .until(() -> gauge("controller_expose_conflicts") == conflictsBefore + 1);

    client.genericKubernetesResources(AGENTS).inNamespace(olderNs).withName("x").delete();
    HTTPRoute inherited = awaitRoute(newerNs, "agent-x", r -> true);
    assertEquals("/a2a/s-" + id + "/x", path(inherited));
    await().atMost(TIMEOUT).until(() -> gauge("controller_expose_conflicts") == conflictsBefore);
  }

  @Test
  void withoutTheGatewayApiTheSourceIsToldWhyAndInstallingItMakesTheRoute() {
    client.resource(ThirdPartyCrds.gatewayApiHttpRoute()).delete();
    await().atMost(TIMEOUT).until(() -> gauge("controller_expose_gateway_api_installed") == 0);
    String ns = namespace();
    create(AGENTS, source(ns, "early", Map.of("platform.agentic.io/expose", "true")));

    Event told = awaitEvent(ns, "early", ExposedRouteReconciler.GATEWAY_API_NOT_INSTALLED);
    assertEquals("Warning", told.getType());
    assertNull(route(ns, "agent-early"));

    client.resource(ThirdPartyCrds.gatewayApiHttpRoute()).create();
    awaitRoute(ns, "agent-early", r -> true);
  }

  @Test
  void aSourceKindInstalledLaterIsWatchedFromThen() {
    client.resource(ThirdPartyCrds.agentgatewayBackend()).delete();
    await().atMost(TIMEOUT).until(() -> watched("AgentgatewayBackend") == 0);
    String ns = namespace();
    // The mock server keeps objects of a kind without its CRD; a real one would refuse them.
    create(BACKENDS, backend(ns, "late", "ai", Map.of("platform.agentic.io/expose", "true")));

    client.resource(ThirdPartyCrds.agentgatewayBackend()).create();
    await().atMost(TIMEOUT).until(() -> watched("AgentgatewayBackend") == 1);
    awaitRoute(ns, "agentgatewaybackend-late", r -> path(r).equals("/llm/" + ns + "/late"));
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double watched(String kind) {
    return registry.get("controller_expose_watched").tag("kind", kind).gauge().value();
  }

  private static String path(HTTPRoute route) {
    return route.getSpec().getRules().get(0).getMatches().get(0).getPath().getValue();
  }

  private HTTPRoute route(String ns, String name) {
    return client.resources(HTTPRoute.class).inNamespace(ns).withName(name).get();
  }

  private HTTPRoute awaitRoute(String ns, String name, Predicate<HTTPRoute> condition) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> route(ns, name), r -> r != null && condition.test(r));
  }

  private Event awaitEvent(String ns, String object, String reason) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.v1().events().inNamespace(ns).list().getItems().stream()
                    .filter(e -> object.equals(e.getInvolvedObject().getName()))
                    .filter(e -> reason.equals(e.getReason()))
                    .findFirst()
                    .orElse(null),
            e -> e != null);
  }

  private GenericKubernetesResource create(
      ResourceDefinitionContext kind, GenericKubernetesResource source) {
    source.getMetadata().setUid(null); // the API server gives each its own
    return client
        .genericKubernetesResources(kind)
        .inNamespace(source.getMetadata().getNamespace())
        .resource(source)
        .create();
  }

  private void edit(
      ResourceDefinitionContext kind,
      String ns,
      String name,
      java.util.function.Consumer<GenericKubernetesResource> change) {
    client
        .genericKubernetesResources(kind)
        .inNamespace(ns)
        .withName(name)
        .edit(
            s -> {
              change.accept(s);
              return s;
            });
  }

  private static GenericKubernetesResource source(
      String ns, String name, Map<String, String> annotations) {
    return ExposedRouteDesiredStateTest.agent(ns, name, new HashMap<>(annotations));
  }

  private static GenericKubernetesResource backend(
      String ns, String name, String type, Map<String, String> annotations) {
    return ExposedRouteDesiredStateTest.backend(ns, name, type, new HashMap<>(annotations));
  }

  private static ResourceDefinitionContext context(
      String group, String version, String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private static String namespace() {
    return "expose-" + id();
  }

  private static String id() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
