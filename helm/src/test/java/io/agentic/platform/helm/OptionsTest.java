package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each optional object, switched on and off. */
class OptionsTest {

  private static final List<String> COMPONENTS =
      List.of("controller", "sandbox-router", "memory-gateway", "otel-bridge");

  /**
   * NetworkPolicies and PodDisruptionBudgets are on by default; everything else optional is off.
   */
  @Test
  void defaultsRenderPoliciesAndBudgetsButNoOtherOptionalObjects() {
    Chart.Rendered rendered = Chart.render();
    Set<String> kinds =
        rendered.objects().stream().map(o -> o.getKind()).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "ServiceAccount",
            "Deployment",
            "Service",
            "Role",
            "RoleBinding",
            "ClusterRole",
            "ClusterRoleBinding",
            "NetworkPolicy",
            "PodDisruptionBudget"),
        kinds);
    for (String component : COMPONENTS) {
      rendered.get(NetworkPolicy.class, "agentic-platform-" + component);
      rendered.get(PodDisruptionBudget.class, "agentic-platform-" + component);
    }
    // fabric8 has a typed model for every kind the chart renders by default.
    assertEquals(List.of(), rendered.all(GenericKubernetesResource.class));
  }

  @Test
  void policiesAndBudgetsCanBeSwitchedOff() {
    Chart.Rendered rendered =
        Chart.render("networkPolicy.enabled", false, "podDisruptionBudget.enabled", false);
    assertEquals(List.of(), rendered.all(NetworkPolicy.class));
    assertEquals(List.of(), rendered.all(PodDisruptionBudget.class));
  }

  @Test
  void httpRouteSendsSandboxPathsToTheRouterThroughThePlatformGateway() {
    Chart.Rendered rendered = Chart.render("sandboxRouter.httpRoute.enabled", true);
    List<HTTPRoute> routes = rendered.all(HTTPRoute.class);
    assertEquals(1, routes.size());
    HTTPRoute route = routes.get(0);
    assertEquals("gateway.networking.k8s.io/v1", route.getApiVersion());
    // Exactly these fields: no group, kind or port.
    assertEquals(
        parentRef("agentgateway-proxy", "agentgateway-system", "platform"),
        route.getSpec().getParentRefs().get(0));
    HTTPRouteRule rule = route.getSpec().getRules().get(0);
    assertEquals(
        new HTTPPathMatchBuilder().withType("PathPrefix").withValue("/sandbox").build(),
        rule.getMatches().get(0).getPath());
    HTTPBackendRef backend = rule.getBackendRefs().get(0);
    Service service = rendered.get(Service.class, "agentic-platform-sandbox-router");
    assertEquals(service.getMetadata().getName(), backend.getName());
    assertEquals(service.getSpec().getPorts().get(0).getPort(), backend.getPort());
  }

  @Test
  void httpRouteParentAndHostsAreConfigurable() {
    Chart.Rendered rendered =
        Chart.render(
            "sandboxRouter.httpRoute.enabled",
            true,
            "sandboxRouter.httpRoute.parentRefs",
            List.of(Map.of("name", "other-gateway", "namespace", "edge", "sectionName", "https")),
            "sandboxRouter.httpRoute.hostnames",
            List.of("agents.example.com"));
    HTTPRoute route = rendered.all(HTTPRoute.class).get(0);
    assertEquals(
        parentRef("other-gateway", "edge", "https"), route.getSpec().getParentRefs().get(0));
    assertEquals(List.of("agents.example.com"), route.getSpec().getHostnames());
  }

  @Test
  void podDisruptionBudgetsSelectEachComponentsPods() {
    Chart.Rendered rendered = Chart.render("podDisruptionBudget.enabled", true);
    assertEquals(4, rendered.all(PodDisruptionBudget.class).size());
    for (String component : COMPONENTS) {
      PodDisruptionBudget budget =
          rendered.get(PodDisruptionBudget.class, "agentic-platform-" + component);
      assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal());
      assertEquals(
          rendered.deployment(component).getSpec().getSelector().getMatchLabels(),
          budget.getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void disabledComponentsRenderNothing() {
    Chart.Rendered rendered =
        Chart.render(
            "memoryGateway.enabled", false,
            "otelBridge.enabled", false,
            "podDisruptionBudget.enabled", true,
            "networkPolicy.enabled", true,
            "metrics.serviceMonitor.enabled", true);
    assertTrue(
        rendered.objects().stream()
            .noneMatch(
                o ->
                    o.getMetadata().getName().contains("memory-gateway")
                        || o.getMetadata().getName().contains("otel-bridge")),
        rendered.toString());
    assertEquals(2, rendered.all(PodDisruptionBudget.class).size());
    // Without a bridge, tracing is switched off rather than pointed at nothing.
    assertEquals("true", rendered.env("controller").get("QUARKUS_OTEL_SDK_DISABLED"));
  }

  @Test
  void serviceMonitorsScrapeTheManagementPort() {
    Chart.Rendered rendered =
        Chart.render(
            "metrics.serviceMonitor.enabled",
            true,
            "metrics.serviceMonitor.labels.release",
            "prometheus");
    List<GenericKubernetesResource> monitors = rendered.generic("ServiceMonitor");
    assertEquals(4, monitors.size());
    for (String component : COMPONENTS) {
      GenericKubernetesResource monitor =
          monitors.stream()
              .filter(m -> m.getMetadata().getName().equals("agentic-platform-" + component))
              .findFirst()
              .orElseThrow();
      assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));
      Service service = rendered.get(Service.class, "agentic-platform-" + component);
      assertEquals(service.getSpec().getSelector(), monitor.get("spec", "selector", "matchLabels"));
      Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
      assertEquals("/q/metrics", endpoint.get("path"));
      String port = (String) endpoint.get("port");
      assertTrue(
          service.getSpec().getPorts().stream()
              .anyMatch(p -> p.getName().equals(port) && p.getPort() == 9000));
    }
  }

  @Test
  void dashboardIsAGrafanaDashboardOfTheSuitesMetrics() throws Exception {
    Chart.Rendered rendered = Chart.render("metrics.dashboard.enabled", true);
    ConfigMap dashboard = rendered.get(ConfigMap.class, "agentic-platform-dashboard");
    assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
    JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("agentic-platform.json"));
    assertEquals("agentic-platform", json.get("uid").asText());
    String queries = json.get("panels").findValuesAsText("expr").toString();
    for (String metric :
        List.of(
            "controller_reconcile_seconds",
            "router_requests_seconds",
            "memory_gateway_operations_seconds",
            "otel_bridge_exported_items_total",
            "agent_executor_runs_total",
            "agent_executor_llm_duration_seconds_bucket",
            "agent_executor_queue_lag",
            "agent_executor_dead_letters_total")) {
      assertTrue(queries.contains(metric), metric);
    }
  }

  /**
   * Every agent_executor_* series the dashboard queries is a meter the executor registers, of the
   * kind its Prometheus name implies: Micrometer timers export _seconds_bucket/_count/_sum,
   * counters _total, gauges their bare name.
   */
  @Test
  void dashboardQueriesMetersTheExecutorRegisters() throws Exception {
    String sources;
    try (var files = Files.walk(Chart.ROOT.resolve("agent-executor/src/main/java"))) {
      sources =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .map(Chart::read)
              .collect(Collectors.joining("\n"));
    }
    JsonNode json =
        new ObjectMapper()
            .readTree(Chart.read(Chart.CHART.resolve("dashboards/agentic-platform.json")));
    Matcher series =
        Pattern.compile("agent_executor_[a-z_]+").matcher(json.findValuesAsText("expr").toString());
    Set<String> queried = new TreeSet<>();
    while (series.find()) {
      queried.add(series.group());
    }
    assertTrue(queried.size() >= 4, queried.toString());
    for (String name : queried) {
      String builder;
      String base;
      if (name.matches(".*_seconds_(bucket|count|sum)")) {
        builder = "Timer.builder";
        base = name.replaceAll("_seconds_(bucket|count|sum)$", "");
      } else if (name.endsWith("_total")) {
        builder = "Counter.builder";
        base = name.substring(0, name.length() - "_total".length());
      } else {
        builder = "Gauge.builder";
        base = name;
      }
      String meter =
          "agent_executor." + base.substring("agent_executor_".length()).replace('_', '.');
      assertTrue(
          sources.contains(builder + "(\"" + meter + "\""),
          name + ": no " + builder + " of " + meter);
    }
  }

  @Test
  void networkPoliciesAllowOnlyWhatEachServiceNeeds() {
    Chart.Rendered rendered = Chart.render("networkPolicy.enabled", true);
    assertEquals(4, rendered.all(NetworkPolicy.class).size());
    for (String component : COMPONENTS) {
      NetworkPolicy policy = rendered.get(NetworkPolicy.class, "agentic-platform-" + component);
      assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
      assertEquals(
          rendered.deployment(component).getSpec().getSelector().getMatchLabels(),
          policy.getSpec().getPodSelector().getMatchLabels());
      Set<Integer> containerPorts =
          rendered.container(component).getPorts().stream()
              .map(p -> p.getContainerPort())
              .collect(Collectors.toSet());
      Set<Integer> ingressPorts = ingressPorts(policy.getSpec().getIngress());
      // Nothing is opened that the container does not listen on.
      assertTrue(containerPorts.containsAll(ingressPorts), component + " " + ingressPorts);
      assertTrue(egressPorts(policy.getSpec().getEgress()).contains(53), component);
    }
    assertEquals(
        Set.of(9000),
        ingressPorts(
            rendered
                .get(NetworkPolicy.class, "agentic-platform-controller")
                .getSpec()
                .getIngress()));
    assertEquals(
        Set.of(8080, 9000),
        ingressPorts(
            rendered
                .get(NetworkPolicy.class, "agentic-platform-sandbox-router")
                .getSpec()
                .getIngress()));
    assertEquals(
        Set.of(8080, 9000),
        ingressPorts(
            rendered
                .get(NetworkPolicy.class, "agentic-platform-memory-gateway")
                .getSpec()
                .getIngress()));
    assertEquals(
        Set.of(4317, 4318, 9000),
        ingressPorts(
            rendered
                .get(NetworkPolicy.class, "agentic-platform-otel-bridge")
                .getSpec()
                .getIngress()));

    // The controller and the router reach the API server; the others do not.
    assertTrue(
        egressPorts(
                rendered
                    .get(NetworkPolicy.class, "agentic-platform-controller")
                    .getSpec()
                    .getEgress())
            .contains(443));
    assertTrue(
        egressPorts(
                rendered
                    .get(NetworkPolicy.class, "agentic-platform-sandbox-router")
                    .getSpec()
                    .getEgress())
            .contains(6443));
    assertTrue(
        !egressPorts(
                rendered
                    .get(NetworkPolicy.class, "agentic-platform-memory-gateway")
                    .getSpec()
                    .getEgress())
            .contains(6443));
    // The memory gateway reaches EverMemOS; the router reaches the tenant namespaces' sandboxes.
    assertTrue(
        egressPorts(
                rendered
                    .get(NetworkPolicy.class, "agentic-platform-memory-gateway")
                    .getSpec()
                    .getEgress())
            .contains(1995));
    NetworkPolicyEgressRule sandboxes =
        rendered
            .get(NetworkPolicy.class, "agentic-platform-sandbox-router")
            .getSpec()
            .getEgress()
            .stream()
            .filter(
                r ->
                    r.getTo() != null
                        && r.getTo().stream()
                            .anyMatch(
                                p ->
                                    p.getNamespaceSelector() != null
                                        && p.getNamespaceSelector()
                                            .getMatchLabels()
                                            .containsKey("platform.agentic.io/tenant")))
            .findFirst()
            .orElseThrow();
    assertEquals(8080, sandboxes.getPorts().get(0).getPort().getIntVal());
    // Services send their traces to the bridge.
    NetworkPolicyEgressRule toBridge =
        rendered
            .get(NetworkPolicy.class, "agentic-platform-controller")
            .getSpec()
            .getEgress()
            .stream()
            .filter(
                r ->
                    r.getTo() != null
                        && r.getTo().stream()
                            .anyMatch(
                                p ->
                                    p.getPodSelector() != null
                                        && "otel-bridge"
                                            .equals(
                                                p.getPodSelector()
                                                    .getMatchLabels()
                                                    .get("app.kubernetes.io/name"))))
            .findFirst()
            .orElseThrow();
    assertEquals(4317, toBridge.getPorts().get(0).getPort().getIntVal());
  }

  @Test
  void platformNodesAreOptIn() {
    Chart.Rendered rendered =
        Chart.render(
            "platformNodes.enabled", true, "otelBridge.nodeSelector.pool", "observability");
    for (String component : List.of("controller", "sandbox-router", "memory-gateway")) {
      PodSpec pod = rendered.deployment(component).getSpec().getTemplate().getSpec();
      assertEquals(Map.of("node-role", "platform"), pod.getNodeSelector());
      Toleration toleration = pod.getTolerations().get(0);
      assertEquals("workload", toleration.getKey());
      assertEquals("platform", toleration.getValue());
      assertEquals("NoSchedule", toleration.getEffect());
    }
    PodSpec bridge = rendered.deployment("otel-bridge").getSpec().getTemplate().getSpec();
    assertEquals(Map.of("pool", "observability"), bridge.getNodeSelector());
    assertEquals("workload", bridge.getTolerations().get(0).getKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scoped", "none"})
  void routerAuthModes(String mode) {
    Map<String, String> env =
        Chart.render(
                "sandboxRouter.auth.mode", mode, "sandboxRouter.auth.existingSecret", "router-keys")
            .env("sandbox-router");
    assertEquals(mode, env.get("ROUTER_AUTH_MODE"));
    assertTrue(!env.containsKey("ROUTER_AUTH_TOKEN"));
    if (mode.equals("scoped")) {
      assertEquals("secret:router-keys/scoped-key", env.get("ROUTER_AUTH_SCOPED_KEY"));
    } else {
      assertTrue(!env.containsKey("ROUTER_AUTH_SCOPED_KEY"));
    }
  }

  @Test
  void imageDigestWinsOverTheTagAndPullSecretsAreMerged() {
    String digest = "sha256:" + "a".repeat(64);
    Chart.Rendered rendered =
        Chart.render(
            "controller.image.digest", digest,
            "imagePullSecrets", List.of("shared"),
            "controller.imagePullSecrets", List.of("own"));
    assertEquals(
        "ghcr.io/agentic-platform/controller@" + digest,
        rendered.container("controller").getImage());
    assertEquals(
        List.of("shared", "own"),
        rendered
            .deployment("controller")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getImagePullSecrets()
            .stream()
            .map(s -> s.getName())
            .toList());
  }

  @Test
  void bridgeAuthorizationComesFromAnExistingSecret() {
    Map<String, String> env =
        Chart.render("otelBridge.destination.auth.existingSecret", "otel-collector-auth")
            .env("otel-bridge");
    assertEquals(
        "secret:otel-collector-auth/authorization", env.get("BRIDGE_EXPORT_AUTHORIZATION"));
  }

  private static ParentReference parentRef(String name, String namespace, String sectionName) {
    return new ParentReferenceBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withSectionName(sectionName)
        .build();
  }

  private static Set<Integer> ingressPorts(List<NetworkPolicyIngressRule> rules) {
    return rules.stream()
        .flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal())
        .collect(Collectors.toSet());
  }

  private static Set<Integer> egressPorts(List<NetworkPolicyEgressRule> rules) {
    return rules.stream()
        .flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal())
        .collect(Collectors.toSet());
  }
}
