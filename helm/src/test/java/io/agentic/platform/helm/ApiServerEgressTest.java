package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The controller's and the router's only way out besides DNS and the bridge is the API server, at
 * the addresses the values name or, when they name none, those Helm looks up in the cluster; never
 * every address.
 */
class ApiServerEgressTest {

  private static final List<String> TALK_TO_THE_API = List.of("controller", "sandbox-router");

  @Test
  void valuesNameNoApiServerAddress() throws Exception {
    JsonNode values =
        new ObjectMapper(new YAMLFactory()).readTree(Chart.CHART.resolve("values.yaml").toFile());
    assertTrue(values.at("/networkPolicy/enabled").asBoolean());
    assertTrue(values.at("/networkPolicy/apiServer/cidrs").isEmpty());
  }

  @Test
  void theApiServerIsReachedAtTheConfiguredAddressesOnly() {
    Chart.Rendered rendered = Chart.render();
    for (String component : TALK_TO_THE_API) {
      NetworkPolicy policy = rendered.get(NetworkPolicy.class, "agentic-platform-" + component);
      NetworkPolicyEgressRule api = apiServerRule(policy);
      assertEquals(List.of(Chart.API_SERVER_CIDR), cidrs(api), component);
      assertEquals(Set.of(443, 6443), ports(api), component);
      // No rule of theirs reaches every address.
      assertTrue(
          policy.getSpec().getEgress().stream()
              .flatMap(r -> r.getTo() == null ? Stream.of() : r.getTo().stream())
              .map(NetworkPolicyPeer::getIpBlock)
              .filter(Objects::nonNull)
              .noneMatch(b -> b.getCidr().endsWith("/0")),
          component);
    }
    // Components that never call the API get no rule for it.
    for (String component : List.of("memory-gateway", "otel-bridge")) {
      NetworkPolicy policy = rendered.get(NetworkPolicy.class, "agentic-platform-" + component);
      assertTrue(
          policy.getSpec().getEgress().stream().noneMatch(r -> ports(r).contains(6443)), component);
    }
  }

  @Test
  void configuredPortsApplyToTheConfiguredCidrs() {
    NetworkPolicy policy =
        Chart.render(
                "networkPolicy.apiServer.cidrs", List.of("10.0.0.10/32", "10.0.0.11/32"),
                "networkPolicy.apiServer.ports", List.of(6443))
            .get(NetworkPolicy.class, "agentic-platform-controller");
    NetworkPolicyEgressRule api = apiServerRule(policy);
    assertEquals(List.of("10.0.0.10/32", "10.0.0.11/32"), cidrs(api));
    assertEquals(Set.of(6443), ports(api));
  }

  /** helm template and the client-side dry run have no cluster: one message says what to set. */
  @Test
  void withoutAnAddressAndNoClusterRenderingFailsSayingWhatToSet() {
    Exception failure =
        assertThrows(Exception.class, () -> Chart.dryRunInstall(Map.of(), /* kubeconfig */ null));
    assertClearFailure(failure);
  }

  @Test
  void withoutAnAddressTheChartRendersWhenNoPolicyNeedsIt() {
    // NetworkPolicies off.
    assertTrue(
        Chart.dryRunInstall(Map.of("networkPolicy.enabled", false), null)
            .contains("agentic-platform"));
    // Nothing enabled talks to the API server.
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("controller.enabled", false);
    values.put("sandboxRouter.sandboxes.verify", "off");
    values.put("sandboxRouter.namespaces.labelSelector", "");
    values.put("sandboxRouter.namespaces.allowed", List.of("team-a"));
    String report = Chart.dryRunInstall(values, null);
    assertFalse(report.contains("Kubernetes API server is reached"), report);
  }

  @Test
  void installLooksTheAddressesUpInTheKubernetesEndpointSlice() {
    try (FakeApiServer cluster =
        FakeApiServer.withEndpointSlice(List.of("172.18.0.3", "172.18.0.4"), 6443)) {
      String report = Chart.dryRunInstall(Map.of(), cluster.kubeconfig());
      assertTrue(
          report.contains(
              "the Kubernetes API server is reached at 172.18.0.3/32, 172.18.0.4/32 on TCP 6443."),
          report);
    }
  }

  @Test
  void installFallsBackToTheKubernetesEndpoints() {
    try (FakeApiServer cluster =
        FakeApiServer.withEndpointsOnly(List.of("10.0.0.1", "fd00::1"), 443)) {
      String report = Chart.dryRunInstall(Map.of(), cluster.kubeconfig());
      assertTrue(
          report.contains(
              "the Kubernetes API server is reached at 10.0.0.1/32, fd00::1/128 on TCP 443."),
          report);
    }
  }

  @Test
  void configuredAddressesWinOverTheLookup() {
    try (FakeApiServer cluster = FakeApiServer.withEndpointSlice(List.of("172.18.0.3"), 6443)) {
      String report =
          Chart.dryRunInstall(
              Map.of("networkPolicy.apiServer.cidrs", List.of("10.10.0.0/24")),
              cluster.kubeconfig());
      assertTrue(
          report.contains("the Kubernetes API server is reached at 10.10.0.0/24 on TCP 443, 6443."),
          report);
    }
  }

  @Test
  void installFailsWhenTheClusterPublishesNoAddress() {
    try (FakeApiServer cluster = FakeApiServer.withoutEndpoints()) {
      Exception failure =
          assertThrows(Exception.class, () -> Chart.dryRunInstall(Map.of(), cluster.kubeconfig()));
      assertClearFailure(failure);
    }
  }

  private static void assertClearFailure(Exception failure) {
    String message = failure.getMessage();
    assertTrue(message.contains("set networkPolicy.apiServer.cidrs"), message);
    assertTrue(message.contains("kubectl get endpoints kubernetes -n default"), message);
  }

  /** The rule whose ports are the API server's. */
  private static NetworkPolicyEgressRule apiServerRule(NetworkPolicy policy) {
    List<NetworkPolicyEgressRule> rules =
        policy.getSpec().getEgress().stream()
            .filter(
                r ->
                    r.getTo() != null
                        && !r.getTo().isEmpty()
                        && r.getTo().stream().allMatch(p -> p.getIpBlock() != null))
            .toList();
    assertEquals(1, rules.size(), policy.getMetadata().getName() + ": " + rules);
    return rules.get(0);
  }

  private static List<String> cidrs(NetworkPolicyEgressRule rule) {
    return rule.getTo().stream().map(p -> p.getIpBlock().getCidr()).toList();
  }

  private static Set<Integer> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts() == null
        ? Set.of()
        : rule.getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
  }
}
