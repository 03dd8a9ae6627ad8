package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the controller is told to wire into executor pods and tenant namespaces: the environment of
 * its Deployment, JSON where the value is structured, and left out where there is nothing to say.
 */
class ExecutorSettingsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String OTLP = "CONTROLLER_EXECUTORS_OTLP_ENDPOINT";
  private static final String MEMORY = "CONTROLLER_EXECUTORS_MEMORY_GATEWAY_URL";
  private static final String SCHEDULING = "CONTROLLER_EXECUTORS_DEFAULT_SCHEDULING";
  private static final String POD_MONITOR_LABELS = "CONTROLLER_EXECUTORS_POD_MONITOR_LABELS";
  private static final String INGRESS_FROM = "CONTROLLER_TENANTS_INGRESS_FROM";
  private static final String EGRESS = "CONTROLLER_TENANTS_EGRESS";
  private static final String DNS_TO = "CONTROLLER_TENANTS_DNS_TO";
  private static final String SECRET_LABELS = "CONTROLLER_SECRETS_LABEL_SELECTOR";

  private static Map<String, String> controllerEnv(Object... keysAndValues) {
    return Chart.render(keysAndValues).env("controller");
  }

  @Test
  void executorsTraceToTheReleasesBridgeAndCallItsMemoryGateway() {
    Map<String, String> env = controllerEnv();
    assertEquals("http://agentic-platform-otel-bridge.agentic-platform.svc:4317", env.get(OTLP));
    // The same endpoint as the platform's own services.
    assertEquals(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"), env.get(OTLP));
    assertEquals(
        "http://agentic-platform-memory-gateway.agentic-platform.svc:8080", env.get(MEMORY));
  }

  @Test
  void theControllerWatchesOnlyLabelledSecretsWhenAsked() {
    assertFalse(controllerEnv().containsKey(SECRET_LABELS), "by default: all but ignored types");
    assertEquals(
        "platform.agentic.io/executor-secret=true",
        controllerEnv("controller.secretLabelSelector", "platform.agentic.io/executor-secret=true")
            .get(SECRET_LABELS));
  }

  @Test
  void executorsFollowTheTracingEndpointAndTheGatewaysPort() {
    Map<String, String> env =
        controllerEnv(
            "tracing.endpoint",
            "http://collector.observability.svc:4317",
            "memoryGateway.service.port",
            8081);
    assertEquals("http://collector.observability.svc:4317", env.get(OTLP));
    assertEquals(
        "http://agentic-platform-memory-gateway.agentic-platform.svc:8081", env.get(MEMORY));
  }

  @Test
  void withoutTracingOrAMemoryGatewayExecutorsAreGivenNeither() {
    assertFalse(controllerEnv("tracing.enabled", false).containsKey(OTLP));
    // No bridge and no endpoint of its own: nowhere to send traces.
    assertFalse(controllerEnv("otelBridge.enabled", false).containsKey(OTLP));
    assertFalse(controllerEnv("memoryGateway.enabled", false).containsKey(MEMORY));
  }

  @Test
  void inScopedModeTheControllerMintsTenantTokensWithTheRoutersOwnKey() {
    Map<String, String> scoped = controllerEnv("sandboxRouter.auth.mode", "scoped");
    assertEquals(
        "secret:agentic-platform-sandbox-router-auth/scoped-key",
        scoped.get("CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY"));
    assertEquals(
        "secret:agentic-platform-sandbox-router-auth/scoped-key",
        Chart.render("sandboxRouter.auth.mode", "scoped")
            .env("sandbox-router")
            .get("ROUTER_AUTH_SCOPED_KEY"),
        "the very key the router verifies with");
    assertFalse(controllerEnv().containsKey("CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY"), "token mode");
    assertFalse(
        controllerEnv("sandboxRouter.auth.mode", "scoped", "sandboxRouter.enabled", false)
            .containsKey("CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY"));
  }

  @Test
  void agentRunsRunTheReleasesExecutorUnlessARunnerImageIsSet() {
    Map<String, String> env = controllerEnv();
    assertTrue(
        env.get("AGENT_RUNNER_IMAGE").startsWith("ghcr.io/agentic-platform/agent-executor:"));
    assertEquals("3600", env.get("CONTROLLER_RUNNER_JOB_TTL_SECONDS_AFTER_FINISHED"));
    Map<String, String> custom =
        controllerEnv(
            "runner.image.repository",
            "registry.example/runner",
            "runner.image.digest",
            "sha256:" + "a".repeat(64),
            "controller.jobTtlSecondsAfterFinished",
            0);
    assertEquals(
        "registry.example/runner@sha256:" + "a".repeat(64), custom.get("AGENT_RUNNER_IMAGE"));
    assertEquals("0", custom.get("CONTROLLER_RUNNER_JOB_TTL_SECONDS_AFTER_FINISHED"));
  }

  @Test
  void defaultSchedulingIsLeftOutUntilAFieldIsSet() {
    Map<String, String> env = controllerEnv();
    assertFalse(env.containsKey(SCHEDULING));
    assertFalse(env.containsKey(POD_MONITOR_LABELS));
  }

  @Test
  void defaultSchedulingIsTheSetFieldsAsJson() throws Exception {
    Map<String, Object> toleration =
        Map.of("key", "workload", "operator", "Equal", "value", "agents", "effect", "NoSchedule");
    Map<String, Object> affinity =
        Map.of(
            "nodeAffinity",
            Map.of(
                "requiredDuringSchedulingIgnoredDuringExecution",
                Map.of(
                    "nodeSelectorTerms",
                    List.of(
                        Map.of(
                            "matchExpressions",
                            List.of(
                                Map.of(
                                    "key",
                                    "kubernetes.io/arch",
                                    "operator",
                                    "In",
                                    "values",
                                    List.of("amd64"))))))));
    String json =
        controllerEnv(
                "controller.defaultWorkload.nodeSelector",
                Map.of("node-role", "agents"),
                "controller.defaultWorkload.tolerations",
                List.of(toleration),
                "controller.defaultWorkload.affinity",
                affinity,
                "controller.defaultWorkload.priorityClassName",
                "agents")
            .get(SCHEDULING);
    Map<String, Object> scheduling = JSON.readValue(json, new TypeReference<>() {});
    assertEquals(Map.of("node-role", "agents"), scheduling.get("nodeSelector"));
    assertEquals("agents", scheduling.get("priorityClassName"));
    List<Toleration> tolerations =
        JSON.convertValue(scheduling.get("tolerations"), new TypeReference<>() {});
    assertEquals("workload", tolerations.get(0).getKey());
    assertEquals("NoSchedule", tolerations.get(0).getEffect());
    Affinity parsed = JSON.convertValue(scheduling.get("affinity"), Affinity.class);
    assertEquals(
        List.of("amd64"),
        parsed
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()
            .get(0)
            .getMatchExpressions()
            .get(0)
            .getValues());
  }

  @Test
  void defaultSchedulingNamesOnlyTheFieldsThatAreSet() throws Exception {
    String json =
        controllerEnv("controller.defaultWorkload.nodeSelector", Map.of("pool", "agents"))
            .get(SCHEDULING);
    assertEquals(
        Map.of("nodeSelector", Map.of("pool", "agents")),
        JSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
  }

  @Test
  void podMonitorsCarryTheLabelsThePrometheusSelectsBy() throws Exception {
    String json =
        controllerEnv("metrics.serviceMonitor.labels", Map.of("release", "prometheus"))
            .get(POD_MONITOR_LABELS);
    assertEquals(
        Map.of("release", "prometheus"),
        JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
  }

  @Test
  void tenantNamespacesAdmitTheGatewayAndReachTheLlmGatewayNatsAndClusterDnsOnly()
      throws Exception {
    Map<String, String> env = controllerEnv();
    List<NetworkPolicyPeer> ingressFrom =
        JSON.readValue(env.get(INGRESS_FROM), new TypeReference<>() {});
    assertEquals(List.of(namespace("agentgateway-system")), ingressFrom);

    List<NetworkPolicyEgressRule> egress =
        JSON.readValue(env.get(EGRESS), new TypeReference<>() {});
    assertEquals(2, egress.size());
    NetworkPolicyEgressRule llmGateway = egress.get(0);
    assertEquals(List.of(namespace("agentgateway-system")), llmGateway.getTo());
    // Any port of the LLM gateway.
    assertTrue(llmGateway.getPorts() == null || llmGateway.getPorts().isEmpty());
    NetworkPolicyEgressRule nats = egress.get(1);
    assertEquals(List.of(namespace("nats")), nats.getTo());
    assertEquals(4222, nats.getPorts().get(0).getPort().getIntVal());
    assertEquals("TCP", nats.getPorts().get(0).getProtocol());

    // DNS only to the cluster's DNS pods, the peers the chart's own policies use.
    List<NetworkPolicyPeer> dnsTo = JSON.readValue(env.get(DNS_TO), new TypeReference<>() {});
    NetworkPolicyPeer dns = dnsTo.get(0);
    assertEquals(
        Map.of("kubernetes.io/metadata.name", "kube-system"),
        dns.getNamespaceSelector().getMatchLabels());
    assertEquals(Map.of("k8s-app", "kube-dns"), dns.getPodSelector().getMatchLabels());
  }

  @Test
  void emptyTenantListsAreSaidAndNullLeavesTheSettingOut() {
    Map<String, String> empty =
        controllerEnv(
            "controller.tenantNetwork.ingressFrom", List.of(),
            "controller.tenantNetwork.egress", List.of());
    // Nothing besides what the controller always allows.
    assertEquals("[]", empty.get(INGRESS_FROM));
    assertEquals("[]", empty.get(EGRESS));
    // null removes the value: the controller then leaves tenant egress unrestricted.
    assertFalse(controllerEnv("controller.tenantNetwork.egress", null).containsKey(EGRESS));
    assertFalse(controllerEnv("networkPolicy.dnsTo", List.of()).containsKey(DNS_TO));
  }

  @Test
  void configuredTenantPeersArePassedAsTheyAre() throws Exception {
    Map<String, Object> databases =
        Map.of(
            "to",
            List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("team", "data")))),
            "ports",
            List.of(Map.of("port", 5432, "protocol", "TCP")));
    String json = controllerEnv("controller.tenantNetwork.egress", List.of(databases)).get(EGRESS);
    List<NetworkPolicyEgressRule> egress = JSON.readValue(json, new TypeReference<>() {});
    assertEquals(1, egress.size());
    assertEquals(
        Map.of("team", "data"),
        egress.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels());
    assertEquals(5432, egress.get(0).getPorts().get(0).getPort().getIntVal());
  }

  private static NetworkPolicyPeer namespace(String name) {
    NetworkPolicyPeer peer = new NetworkPolicyPeer();
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Map.of("kubernetes.io/metadata.name", name));
    peer.setNamespaceSelector(selector);
    return peer;
  }
}
