package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The controller's two RBAC modes and the router's optional read access to Sandboxes. */
class RbacTest {

  private static final String CONTROLLER = "agentic-platform-controller";
  private static final String ROUTER = "agentic-platform-sandbox-router";
  private static final String EXPOSE = CONTROLLER + "-expose";

  /** The rules the reconciler needs in a watched namespace, as group/resource/verb triples. */
  private static final Set<String> RECONCILER_GRANTS =
      grants(
          Stream.of(
                  rule(
                      "platform.bizmatters.io",
                      "agentexecutors,agentexecutors/status,agentexecutors/finalizers",
                      "get,list,watch,patch,update,create,delete"),
                  rule("apps", "deployments", "create,delete,get,list,patch,update,watch"),
                  rule("", "serviceaccounts,services", "create,delete,get,list,patch,update,watch"),
                  rule("keda.sh", "scaledobjects", "create,delete,get,list,patch,update,watch"),
                  rule(
                      "monitoring.coreos.com",
                      "podmonitors",
                      "get,list,watch,create,update,patch,delete"),
                  rule(
                      "platform.bizmatters.io",
                      "agentruns,agentruns/status,agentruns/finalizers",
                      "get,list,watch,patch,update,create,delete"),
                  rule("batch", "jobs", "get,list,watch,create,update,patch,delete"),
                  rule("", "secrets,pods", "get,list,watch"),
                  rule("", "configmaps", "get,list,watch,create,update,patch,delete"),
                  rule("", "events", "create"))
              .toList());

  @Test
  void byDefaultEveryNamespaceIsWatchedSoTenantsNeedNoChartChange() {
    Chart.Rendered rendered = Chart.render();
    assertEquals(RECONCILER_GRANTS, grants(rendered.get(ClusterRole.class, CONTROLLER).getRules()));
    for (String kind : List.of("AGENTEXECUTOR", "AGENTRUN")) {
      assertEquals(
          "JOSDK_ALL_NAMESPACES",
          rendered
              .env("controller")
              .get("QUARKUS_OPERATOR_SDK_CONTROLLERS_" + kind + "_NAMESPACES"));
    }
  }

  @Test
  void anEmptyListMeansTheReleaseNamespaceOnly() {
    Chart.Rendered rendered = Chart.render("controller.namespaces", List.of());
    Role role = rendered.get(Role.class, CONTROLLER);
    assertEquals(Chart.NAMESPACE, role.getMetadata().getNamespace());
    assertEquals(RECONCILER_GRANTS, grants(role.getRules()));
    RoleBinding binding = rendered.get(RoleBinding.class, CONTROLLER);
    assertBoundToControllerAccount(
        binding.getRoleRef().getKind(),
        binding.getRoleRef().getName(),
        binding.getSubjects().get(0));
    assertFalse(rendered.find(ClusterRole.class, CONTROLLER).isPresent());
    assertFalse(rendered.find(ClusterRoleBinding.class, CONTROLLER).isPresent());
    assertLeaderElectionAndCrdRead(rendered);
  }

  @Test
  void oneOtherNamespaceGetsARoleThere() {
    Chart.Rendered rendered = Chart.render("controller.namespaces", List.of("team-a"));
    List<Role> roles =
        rendered.all(Role.class).stream()
            .filter(r -> r.getMetadata().getName().equals(CONTROLLER))
            .toList();
    assertEquals(1, roles.size());
    assertEquals("team-a", roles.get(0).getMetadata().getNamespace());
    assertEquals(
        "team-a",
        rendered
            .env("controller")
            .get("QUARKUS_OPERATOR_SDK_CONTROLLERS_AGENTEXECUTOR_NAMESPACES"));
    assertFalse(rendered.find(ClusterRole.class, CONTROLLER).isPresent());
    // The Lease stays in the controller's own namespace.
    assertLeaderElectionAndCrdRead(rendered);
  }

  @Test
  void severalNamespacesGetAClusterRole() {
    Chart.Rendered rendered = Chart.render("controller.namespaces", List.of("team-a", "team-b"));
    ClusterRole role = rendered.get(ClusterRole.class, CONTROLLER);
    assertEquals(RECONCILER_GRANTS, grants(role.getRules()));
    ClusterRoleBinding binding = rendered.get(ClusterRoleBinding.class, CONTROLLER);
    assertBoundToControllerAccount(
        binding.getRoleRef().getKind(),
        binding.getRoleRef().getName(),
        binding.getSubjects().get(0));
    assertEquals("ClusterRole", binding.getRoleRef().getKind());
    assertFalse(rendered.find(Role.class, CONTROLLER).isPresent());
    assertEquals(
        "team-a,team-b",
        rendered
            .env("controller")
            .get("QUARKUS_OPERATOR_SDK_CONTROLLERS_AGENTEXECUTOR_NAMESPACES"));
    assertLeaderElectionAndCrdRead(rendered);
  }

  @Test
  void allNamespacesGetAClusterRole() {
    Chart.Rendered rendered = Chart.render("controller.namespaces", List.of("*"));
    assertEquals(RECONCILER_GRANTS, grants(rendered.get(ClusterRole.class, CONTROLLER).getRules()));
    assertEquals(
        "JOSDK_ALL_NAMESPACES",
        rendered
            .env("controller")
            .get("QUARKUS_OPERATOR_SDK_CONTROLLERS_AGENTEXECUTOR_NAMESPACES"));
  }

  @Test
  void allNamespacesCannotBeMixedWithNames() {
    Exception failure =
        assertThrows(
            Exception.class, () -> Chart.render("controller.namespaces", List.of("*", "team-a")));
    assertTrue(failure.getMessage().contains("cannot be combined"), failure.getMessage());
  }

  /**
   * Everything the chart grants the controller equals what the controller's build generates from
   * its code (target/kubernetes/kubernetes.yml, present after the controller is built): nothing
   * missing, nothing more.
   */
  @Test
  void controllerGrantsEqualTheGeneratedRbac() {
    Path generated = Chart.ROOT.resolve("controller/target/kubernetes/kubernetes.yml");
    Assumptions.assumeTrue(Files.exists(generated), "controller not built");
    Set<String> expected =
        grants(
            Chart.parse(Chart.read(generated)).stream()
                .filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast)
                .flatMap(r -> r.getRules().stream())
                .toList());
    for (List<String> namespaces : List.of(List.<String>of(), List.of("team-a", "team-b"))) {
      Chart.Rendered rendered = Chart.render("controller.namespaces", namespaces);
      Set<String> granted = new TreeSet<>();
      for (HasMetadata object : rendered.objects()) {
        // Route generation is no reconciler, so its role is not generated: checked on its own.
        if (object.getMetadata().getName().startsWith(CONTROLLER)
            && !object.getMetadata().getName().equals(EXPOSE)) {
          if (object instanceof Role role) {
            granted.addAll(grants(role.getRules()));
          } else if (object instanceof ClusterRole role) {
            granted.addAll(grants(role.getRules()));
          }
        }
      }
      assertEquals(expected, granted, namespaces.toString());
    }
  }

  @Test
  void routerWithALabelSelectorReadsNamespacesAndSandboxesClusterWide() {
    Chart.Rendered rendered = Chart.render();
    ClusterRole role = rendered.get(ClusterRole.class, ROUTER);
    assertEquals(
        grants(
            List.of(
                rule("", "namespaces", "list,watch"),
                rule("agents.x-k8s.io", "sandboxes", "get,list,watch"))),
        grants(role.getRules()));
    ClusterRoleBinding binding = rendered.get(ClusterRoleBinding.class, ROUTER);
    assertEquals(ROUTER, binding.getSubjects().get(0).getName());
    assertEquals(Chart.NAMESPACE, binding.getSubjects().get(0).getNamespace());
    assertFalse(rendered.find(Role.class, ROUTER).isPresent());
  }

  @Test
  void routerWithAnAllowListReadsSandboxesInThoseNamespacesOnly() {
    Chart.Rendered rendered =
        Chart.render(
            "sandboxRouter.namespaces.labelSelector",
            "",
            "sandboxRouter.namespaces.allowed",
            List.of("team-a", "team-b"));
    List<Role> roles =
        rendered.all(Role.class).stream()
            .filter(r -> r.getMetadata().getName().equals(ROUTER))
            .toList();
    assertEquals(
        Set.of("team-a", "team-b"),
        roles.stream().map(r -> r.getMetadata().getNamespace()).collect(Collectors.toSet()));
    for (Role role : roles) {
      assertEquals(
          grants(List.of(rule("agents.x-k8s.io", "sandboxes", "get,list,watch"))),
          grants(role.getRules()));
    }
    assertEquals(
        2,
        rendered.all(RoleBinding.class).stream()
            .filter(b -> b.getMetadata().getName().equals(ROUTER))
            .count());
    assertFalse(rendered.find(ClusterRole.class, ROUTER).isPresent());
    assertEquals("team-a,team-b", rendered.env("sandbox-router").get("ROUTER_NAMESPACES_ALLOWED"));
    assertFalse(rendered.env("sandbox-router").containsKey("ROUTER_NAMESPACES_LABEL_SELECTOR"));
  }

  @Test
  void routerWithoutVerificationOrSelectorGetsNoRbacAndNoToken() {
    Chart.Rendered rendered =
        Chart.render(
            "sandboxRouter.namespaces.labelSelector", "",
            "sandboxRouter.namespaces.allowed", List.of("team-a"),
            "sandboxRouter.sandboxes.verify", "off");
    assertTrue(
        rendered.objects().stream()
            .filter(o -> o.getMetadata().getName().equals(ROUTER))
            .noneMatch(
                o ->
                    o instanceof Role
                        || o instanceof ClusterRole
                        || o instanceof RoleBinding
                        || o instanceof ClusterRoleBinding));
    assertEquals(
        Boolean.FALSE,
        rendered.get(ServiceAccount.class, ROUTER).getAutomountServiceAccountToken());
    assertEquals(
        Boolean.FALSE,
        rendered
            .deployment("sandbox-router")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAutomountServiceAccountToken());
  }

  @Test
  void routerNeedsSomewhereToRoute() {
    Exception failure =
        assertThrows(
            Exception.class, () -> Chart.render("sandboxRouter.namespaces.labelSelector", ""));
    assertTrue(failure.getMessage().contains("sandboxRouter.namespaces"), failure.getMessage());
  }

  private static void assertLeaderElectionAndCrdRead(Chart.Rendered rendered) {
    Role lease = rendered.get(Role.class, CONTROLLER + "-leader-election");
    assertEquals(Chart.NAMESPACE, lease.getMetadata().getNamespace());
    assertEquals(
        grants(List.of(rule("coordination.k8s.io", "leases", "get,create,update"))),
        grants(lease.getRules()));
    RoleBinding leaseBinding = rendered.get(RoleBinding.class, CONTROLLER + "-leader-election");
    assertEquals(Chart.NAMESPACE, leaseBinding.getMetadata().getNamespace());
    assertBoundToControllerAccount(
        "Role", CONTROLLER + "-leader-election", leaseBinding.getSubjects().get(0));
    ClusterRole crds = rendered.get(ClusterRole.class, CONTROLLER + "-crd-reader");
    assertEquals(
        grants(List.of(rule("apiextensions.k8s.io", "customresourcedefinitions", "get,list"))),
        grants(crds.getRules()));
    ClusterRoleBinding crdBinding =
        rendered.get(ClusterRoleBinding.class, CONTROLLER + "-crd-reader");
    assertEquals(CONTROLLER + "-crd-reader", crdBinding.getRoleRef().getName());
    assertEquals(CONTROLLER, crdBinding.getSubjects().get(0).getName());
  }

  private static void assertBoundToControllerAccount(
      String kind, String roleName, io.fabric8.kubernetes.api.model.rbac.Subject subject) {
    assertTrue(kind.equals("Role") || kind.equals("ClusterRole"));
    assertTrue(roleName.startsWith(CONTROLLER));
    assertEquals("ServiceAccount", subject.getKind());
    assertEquals(CONTROLLER, subject.getName());
    assertEquals(Chart.NAMESPACE, subject.getNamespace());
  }

  /**
   * Route generation reads the annotated kinds and their CRDs and writes only HTTPRoutes, in every
   * namespace whatever the reconcilers watch (sources and the platform's backends live anywhere).
   */
  @Test
  void routeGenerationReadsItsSourcesAndWritesOnlyRoutes() {
    for (List<String> namespaces : List.of(List.<String>of(), List.of("*"))) {
      Chart.Rendered rendered = Chart.render("controller.namespaces", namespaces);
      assertEquals(
          grants(
              List.of(
                  rule(
                      "gateway.networking.k8s.io",
                      "httproutes",
                      "get,list,watch,create,update,delete"),
                  rule("kagent.dev", "agents", "get,list,watch"),
                  rule("agentgateway.dev", "agentgatewaybackends", "get,list,watch"),
                  rule("apiextensions.k8s.io", "customresourcedefinitions", "list,watch"),
                  rule("", "events", "create"))),
          grants(rendered.get(ClusterRole.class, EXPOSE).getRules()),
          namespaces.toString());
      ClusterRoleBinding binding = rendered.get(ClusterRoleBinding.class, EXPOSE);
      assertBoundToControllerAccount(
          binding.getRoleRef().getKind(),
          binding.getRoleRef().getName(),
          binding.getSubjects().get(0));
      Map<String, String> env = rendered.env("controller");
      assertEquals("true", env.get("CONTROLLER_EXPOSE_ENABLED"));
      assertEquals("agentgateway-proxy", env.get("CONTROLLER_EXPOSE_GATEWAY_NAME"));
      assertEquals("agentgateway-system", env.get("CONTROLLER_EXPOSE_GATEWAY_NAMESPACE"));
      assertEquals("platform", env.get("CONTROLLER_EXPOSE_GATEWAY_LISTENER"));
      assertEquals("8080", env.get("CONTROLLER_EXPOSE_A2A_PORT"));
    }
  }

  @Test
  void routeGenerationTurnedOffHasNoRoleAndTheGatewayIsConfigurable() {
    Chart.Rendered off = Chart.render("controller.expose.enabled", false);
    assertFalse(off.find(ClusterRole.class, EXPOSE).isPresent());
    assertFalse(off.find(ClusterRoleBinding.class, EXPOSE).isPresent());
    assertEquals("false", off.env("controller").get("CONTROLLER_EXPOSE_ENABLED"));

    Map<String, String> env =
        Chart.render(
                "controller.expose.gateway.name", "edge",
                "controller.expose.gateway.namespace", "ingress",
                "controller.expose.gateway.listener", "")
            .env("controller");
    assertEquals("edge", env.get("CONTROLLER_EXPOSE_GATEWAY_NAME"));
    assertEquals("ingress", env.get("CONTROLLER_EXPOSE_GATEWAY_NAMESPACE"));
    assertEquals("", env.get("CONTROLLER_EXPOSE_GATEWAY_LISTENER"));
  }

  @Test
  void theTenantDeveloperRoleGrantsExactlyWhatADeveloperNeedsAndNoMore() {
    String crud = "get,list,watch,create,update,patch,delete";
    String read = "get,list,watch";
    Set<String> expected =
        grants(
            List.of(
                rule("platform.bizmatters.io", "agentexecutors,agentruns", crud),
                rule("", "secrets,configmaps,services", crud),
                rule("gateway.networking.k8s.io", "httproutes,grpcroutes", read),
                rule("", "pods,pods/log", read),
                rule("apps", "deployments", read),
                rule("batch", "jobs", read),
                rule("agents.x-k8s.io", "sandboxes", crud),
                rule("extensions.agents.x-k8s.io", "sandboxclaims,sandboxtemplates", crud),
                rule("kagent.dev", "agents,remotemcpservers,modelconfigs,mcpservers", crud),
                rule("agentgateway.dev", "agentgatewaybackends", crud)));
    ClusterRole role = Chart.render().get(ClusterRole.class, "tenant-agent-developer");
    Set<String> granted = grants(role.getRules());
    assertEquals(expected, granted);
    // What a developer must not do: write routes, pods or deployments, or touch RBAC and tenants.
    for (String forbidden :
        List.of(
            "gateway.networking.k8s.io/httproutes:create",
            "/pods:delete",
            "/pods/exec:create",
            "apps/deployments:update",
            "rbac.authorization.k8s.io/rolebindings:create",
            "platform.bizmatters.io/tenants:update",
            "/namespaces:create")) {
      assertFalse(granted.contains(forbidden), forbidden);
    }
  }

  /**
   * Each AgentExecutor gets a PodMonitor so Prometheus scrapes its pods, and the controller reads
   * ConfigMaps; it never writes them.
   */
  @Test
  void theReconcilerManagesPodMonitorsAndTheConfigMapsOfAgentRuns() {
    for (List<String> namespaces : List.of(List.<String>of(), List.of("team-a", "team-b"))) {
      Chart.Rendered rendered = Chart.render("controller.namespaces", namespaces);
      List<PolicyRule> rules =
          namespaces.isEmpty()
              ? rendered.get(Role.class, CONTROLLER).getRules()
              : rendered.get(ClusterRole.class, CONTROLLER).getRules();
      Set<String> granted = grants(rules);
      for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
        assertTrue(granted.contains("monitoring.coreos.com/podmonitors:" + verb), verb);
      }
      // Read for the agent profiles of AgentExecutors, written for the run.json of AgentRuns.
      for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
        assertTrue(granted.contains("/configmaps:" + verb), verb);
        assertTrue(granted.contains("batch/jobs:" + verb), verb);
      }
    }
  }

  /**
   * A tenant namespace gets an ingress and an egress NetworkPolicy from the controller, whatever
   * namespaces it watches for AgentExecutors: the cluster-wide tenants role covers writing both.
   */
  @Test
  void theTenantsRoleKeepsNetworkPoliciesInEveryNamespace() {
    ClusterRole role = Chart.render().get(ClusterRole.class, CONTROLLER + "-tenants");
    Set<String> granted = grants(role.getRules());
    for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
      assertTrue(granted.contains("networking.k8s.io/networkpolicies:" + verb), verb);
    }
  }

  @Test
  void theControllerMayBindOnlyTheTenantDeveloperRole() {
    ClusterRole role = Chart.render().get(ClusterRole.class, CONTROLLER + "-tenants");
    List<PolicyRule> binds =
        role.getRules().stream().filter(r -> r.getVerbs().contains("bind")).toList();
    assertEquals(1, binds.size());
    assertEquals(List.of("clusterroles"), binds.get(0).getResources());
    assertEquals(List.of("tenant-agent-developer"), binds.get(0).getResourceNames());
    assertEquals(List.of("bind"), binds.get(0).getVerbs());
    assertFalse(
        role.getRules().stream()
            .anyMatch(
                r ->
                    r.getResources().contains("clusterroles")
                        && r.getVerbs().contains("escalate")));
    ClusterRoleBinding binding =
        Chart.render().get(ClusterRoleBinding.class, CONTROLLER + "-tenants");
    assertEquals(CONTROLLER, binding.getSubjects().get(0).getName());
  }

  private static PolicyRule rule(String group, String resources, String verbs) {
    PolicyRule rule = new PolicyRule();
    rule.setApiGroups(List.of(group));
    rule.setResources(List.of(resources.split(",")));
    rule.setVerbs(List.of(verbs.split(",")));
    return rule;
  }

  private static Set<String> grants(List<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      // A rule limited to named objects grants on those names only.
      List<String> names =
          rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
              ? List.of("")
              : rule.getResourceNames().stream().map(n -> "[" + n + "]").toList();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String name : names) {
            for (String verb : rule.getVerbs()) {
              grants.add(group + "/" + resource + name + ":" + verb);
            }
          }
        }
      }
    }
    return grants;
  }
}
