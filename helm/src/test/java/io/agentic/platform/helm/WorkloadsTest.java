package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The four Deployments and their Services with default values. */
class WorkloadsTest {

  private static Chart.Rendered rendered;

  @BeforeAll
  static void render() {
    rendered = Chart.render();
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway", "otel-bridge"})
  void podsAreRestricted(String component) {
    PodSpec pod = rendered.deployment(component).getSpec().getTemplate().getSpec();
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(65532L, pod.getSecurityContext().getRunAsUser());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    for (Container container : pod.getContainers()) {
      var security = container.getSecurityContext();
      assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), container.getName());
      assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), container.getName());
      assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), container.getName());
      assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), container.getName());
      assertTrue(
          security.getCapabilities().getAdd() == null
              || security.getCapabilities().getAdd().isEmpty());
      // A read-only root filesystem needs a writable /tmp for the JVM.
      assertTrue(
          container.getVolumeMounts().stream()
              .anyMatch(m -> m.getMountPath().equals("/tmp") && m.getName().equals("tmp")));
    }
    assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null));
    assertTrue(pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty());
    assertTrue(pod.getTolerations() == null || pod.getTolerations().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway", "otel-bridge"})
  void selectorsMatchPodLabelsAndServicesReachNamedPorts(String component) {
    Deployment deployment = rendered.deployment(component);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
    assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), selector + " " + podLabels);
    assertEquals(Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance"), selector.keySet());

    Service service = rendered.get(Service.class, Chart.RELEASE + "-" + component);
    assertEquals(selector, service.getSpec().getSelector());
    Set<String> containerPorts =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
            .map(ContainerPort::getName)
            .collect(Collectors.toSet());
    for (ServicePort port : service.getSpec().getPorts()) {
      assertTrue(containerPorts.contains(port.getTargetPort().getStrVal()), port.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway", "otel-bridge"})
  void probesUseTheManagementPortHealthEndpoints(String component) {
    Container container = rendered.container(component);
    assertEquals(
        9000,
        container.getPorts().stream()
            .filter(p -> p.getName().equals("management"))
            .findFirst()
            .orElseThrow()
            .getContainerPort());
    Probe live = container.getLivenessProbe();
    Probe ready = container.getReadinessProbe();
    assertEquals("/q/health/live", live.getHttpGet().getPath());
    assertEquals("/q/health/ready", ready.getHttpGet().getPath());
    assertEquals("management", live.getHttpGet().getPort().getStrVal());
    assertEquals("management", ready.getHttpGet().getPort().getStrVal());
  }

  /** Container ports are the ports the service's application.properties configures. */
  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway", "otel-bridge"})
  void containerPortsAreTheConfiguredPorts(String component) throws Exception {
    Properties properties = new Properties();
    try (var in =
        Files.newInputStream(
            Chart.ROOT.resolve(component + "/src/main/resources/application.properties"))) {
      properties.load(in);
    }
    Map<String, Integer> ports =
        rendered.container(component).getPorts().stream()
            .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    assertEquals(
        Integer.parseInt(properties.getProperty("quarkus.management.port")),
        ports.get("management"));
    int httpPort = Integer.parseInt(properties.getProperty("quarkus.http.port"));
    if (component.equals("otel-bridge")) {
      assertEquals(httpPort, ports.get("otlp-http"));
      assertEquals(
          Integer.parseInt(properties.getProperty("quarkus.grpc.server.port")),
          ports.get("otlp-grpc"));
    } else if (!component.equals("controller")) {
      assertEquals(httpPort, ports.get("http"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // component, cpu request, memory request, cpu limit, memory limit
        "sandbox-router,50m,64Mi,250m,256Mi", // budget table
        "otel-bridge,50m,64Mi,200m,384Mi", // budget table, memory limit raised after measurement
        "controller,100m,192Mi,500m,384Mi", // measured: bench/controller
        "memory-gateway,50m,144Mi,500m,320Mi"
      })
  void resourcesFollowTheBudget(String row) {
    String[] cell = row.split(",");
    var resources = rendered.container(cell[0]).getResources();
    assertEquals(new Quantity(cell[1]), resources.getRequests().get("cpu"));
    assertEquals(new Quantity(cell[2]), resources.getRequests().get("memory"));
    assertEquals(new Quantity(cell[3]), resources.getLimits().get("cpu"));
    assertEquals(new Quantity(cell[4]), resources.getLimits().get("memory"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway", "otel-bridge"})
  void imagesDefaultToTheAppVersion(String component) {
    assertEquals(
        "ghcr.io/agentic-platform/" + component + ":0.1.0",
        rendered.container(component).getImage());
  }

  /**
   * Every environment variable the chart sets is a configuration key the service documents in its
   * README's configuration table: a name the service does not read would be ignored without a word
   * (SmallRye Config skips environment variables that match no property).
   */
  private static final Pattern ENVIRONMENT_NAME =
      Pattern.compile("^\\s*- name: ([A-Z][A-Z0-9_]+)\\s*$", Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway", "otel-bridge"})
  void environmentNamesAreConfigurationKeysOfTheService(String component) throws IOException {
    String readme = Chart.read(Chart.ROOT.resolve(component + "/README.md"));
    Set<String> names = new TreeSet<>(rendered.env(component).keySet());
    // ... and those the templates set only for some values.
    try (var templates = Files.list(Chart.CHART.resolve("templates").resolve(component))) {
      for (Path template : templates.toList()) {
        Matcher env = ENVIRONMENT_NAME.matcher(Chart.read(template));
        while (env.find()) {
          names.add(env.group(1));
        }
      }
    }
    for (String name : names) {
      assertTrue(
          readme.contains("`" + name + "`"),
          component + " does not document (or read) " + name + " in " + component + "/README.md");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "sandbox-router", "memory-gateway"})
  void servicesSendTracesToTheBridge(String component) {
    Map<String, String> env = rendered.env(component);
    assertEquals("false", env.get("QUARKUS_OTEL_SDK_DISABLED"));
    assertEquals(
        "http://agentic-platform-otel-bridge.agentic-platform.svc:4317",
        env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
  }

  @org.junit.jupiter.api.Test
  void controllerWatchesEveryNamespaceAndElectsALeaderInItsOwn() {
    Map<String, String> env = rendered.env("controller");
    assertEquals(
        "JOSDK_ALL_NAMESPACES",
        env.get("QUARKUS_OPERATOR_SDK_CONTROLLERS_AGENTEXECUTOR_NAMESPACES"));
    assertEquals(
        "JOSDK_ALL_NAMESPACES", env.get("QUARKUS_OPERATOR_SDK_CONTROLLERS_AGENTRUN_NAMESPACES"));
    assertEquals("agentic-platform-controller", env.get("CONTROLLER_LEADER_ELECTION_LEASE_NAME"));
    assertEquals("agentic-platform", env.get("CONTROLLER_LEADER_ELECTION_LEASE_NAMESPACE"));
    assertEquals(
        Boolean.TRUE,
        rendered
            .deployment("controller")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAutomountServiceAccountToken());
  }

  @org.junit.jupiter.api.Test
  void routerDefaultsToTokenAuthFromAnExistingSecretAndTenantNamespaces() {
    Map<String, String> env = rendered.env("sandbox-router");
    assertEquals("token", env.get("ROUTER_AUTH_MODE"));
    assertEquals("secret:agentic-platform-sandbox-router-auth/token", env.get("ROUTER_AUTH_TOKEN"));
    assertEquals("platform.agentic.io/tenant=true", env.get("ROUTER_NAMESPACES_LABEL_SELECTOR"));
    assertEquals("auto", env.get("ROUTER_SANDBOXES_VERIFY"));
    assertFalse(env.containsKey("ROUTER_NAMESPACES_ALLOWED"));
    Service service = rendered.get(Service.class, "agentic-platform-sandbox-router");
    assertEquals(8080, service.getSpec().getPorts().get(0).getPort());
  }

  @org.junit.jupiter.api.Test
  void routerHardeningSettingsHaveSafeDefaults() {
    Map<String, String> env = rendered.env("sandbox-router");
    assertEquals("false", env.get("ROUTER_FORWARD_COOKIES"));
    assertFalse(env.containsKey("ROUTER_TRUSTED_PROXIES"));
    assertEquals("4096", env.get("ROUTER_SERVER_MAX_CONNECTIONS"));
    assertEquals("64", env.get("ROUTER_UPSTREAM_MAX_CONNECTIONS_PER_HOST"));
    assertEquals("10s", env.get("ROUTER_UPSTREAM_POOL_WAIT_TIMEOUT"));
    assertEquals("256", env.get("ROUTER_UPSTREAM_MAX_WAIT_QUEUE"));
    // Token mode: nothing of the scoped keys.
    assertFalse(env.containsKey("ROUTER_AUTH_SCOPED_KEY_ID"));

    Map<String, String> set =
        Chart.render(
                "sandboxRouter.trustedProxies",
                List.of("10.244.0.0/16", "10.0.0.7"),
                "sandboxRouter.forwardCookies",
                true)
            .env("sandbox-router");
    assertEquals("10.244.0.0/16,10.0.0.7", set.get("ROUTER_TRUSTED_PROXIES"));
    assertEquals("true", set.get("ROUTER_FORWARD_COOKIES"));
  }

  /**
   * Scoped keys rotate through the chart: the previous key comes from the same Secret under its own
   * id, and the controller mints tokens under the router's key id for no longer than the router
   * accepts.
   */
  @org.junit.jupiter.api.Test
  void scopedKeysRotateAndTheControllerMintsWhatTheRouterAccepts() {
    Chart.Rendered rendered =
        Chart.render(
            "sandboxRouter.auth.mode", "scoped",
            "sandboxRouter.auth.keyId", "k2",
            "sandboxRouter.auth.previousSecretKey", "scoped-key-k1",
            "sandboxRouter.auth.previousKeyId", "k1",
            "sandboxRouter.auth.maxTokenLifetime", "8h");
    Map<String, String> router = rendered.env("sandbox-router");
    assertEquals("k2", router.get("ROUTER_AUTH_SCOPED_KEY_ID"));
    assertEquals("8h", router.get("ROUTER_AUTH_SCOPED_MAX_TTL"));
    assertEquals(
        "secret:agentic-platform-sandbox-router-auth/scoped-key-k1",
        router.get("ROUTER_AUTH_SCOPED_PREVIOUS_KEY"));
    assertEquals("k1", router.get("ROUTER_AUTH_SCOPED_PREVIOUS_KEY_ID"));
    Map<String, String> controller = rendered.env("controller");
    assertEquals("k2", controller.get("CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY_ID"));
    assertEquals("8h", controller.get("CONTROLLER_TENANTS_SANDBOX_TOKEN_TTL"));

    for (Object[] wrong :
        new Object[][] {
          {"sandboxRouter.auth.previousKeyId", "", "previousKeyId is required"},
          {"sandboxRouter.auth.previousKeyId", "k2", "must differ"},
        }) {
      Exception failure =
          assertThrows(
              Exception.class,
              () ->
                  Chart.render(
                      "sandboxRouter.auth.mode",
                      "scoped",
                      "sandboxRouter.auth.keyId",
                      "k2",
                      "sandboxRouter.auth.previousSecretKey",
                      "scoped-key-k1",
                      wrong[0],
                      wrong[1]));
      assertTrue(failure.getMessage().contains((String) wrong[2]), failure.getMessage());
    }
    Exception tooLong =
        assertThrows(
            Exception.class, () -> Chart.render("sandboxRouter.auth.maxTokenLifetime", "48h"));
    assertTrue(tooLong.getMessage().contains("maxTokenLifetime"), tooLong.getMessage());
  }

  @org.junit.jupiter.api.Test
  void memoryGatewayAndBridgeHaveNoApiTokenAndTheirDestinations() {
    for (String component : List.of("memory-gateway", "otel-bridge")) {
      assertEquals(
          Boolean.FALSE,
          rendered
              .deployment(component)
              .getSpec()
              .getTemplate()
              .getSpec()
              .getAutomountServiceAccountToken());
    }
    Map<String, String> gateway = rendered.env("memory-gateway");
    assertEquals(
        "http://evermemos.evermemos.svc.cluster.local:1995",
        gateway.get("MEMORY_EVERMEMOS_BASE_URL"));
    assertEquals("current", gateway.get("MEMORY_EVERMEMOS_API"));
    assertEquals("jwt", gateway.get("MEMORY_AUTH_MODE"));
    assertEquals("agent-gateway", gateway.get("MP_JWT_VERIFY_AUDIENCES"));
    assertNotNull(gateway.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));

    Map<String, String> bridge = rendered.env("otel-bridge");
    assertEquals("512", bridge.get("BRIDGE_BATCH_SEND_BATCH_SIZE"));
    assertEquals("4M", bridge.get("BRIDGE_RECEIVER_MAX_BODY_SIZE"));
    assertEquals("4", bridge.get("BRIDGE_RECEIVER_MAX_CONCURRENT_REQUESTS"));
    assertEquals("16384", bridge.get("BRIDGE_QUEUE_MAX_ITEMS"));
    assertFalse(bridge.containsKey("BRIDGE_EXPORT_AUTHORIZATION"));
    Service service = rendered.get(Service.class, "agentic-platform-otel-bridge");
    assertEquals(
        Map.of("otlp-grpc", 4317, "otlp-http", 4318, "management", 9000),
        service.getSpec().getPorts().stream()
            .collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort)));
  }
}
