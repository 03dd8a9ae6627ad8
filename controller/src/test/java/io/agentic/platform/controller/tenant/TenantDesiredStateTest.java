package io.agentic.platform.controller.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.crd.v1alpha1.TenantSpec.TenantLimits;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the controller keeps in a tenant's namespace, from the Tenant alone. */
class TenantDesiredStateTest {

  static Tenant tenant() {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("acme").withUid("uid-acme").build());
    tenant.getSpec().setNamespaces(List.of("acme-agents"));
    return tenant;
  }

  @Test
  void developersAreBoundToTheDeveloperRoleAndTheBindingIsOwnedByTheTenant() {
    Tenant tenant = tenant();
    tenant
        .getSpec()
        .setDevelopers(
            List.of(
                new SubjectBuilder()
                    .withKind("Group")
                    .withName("acme-devs")
                    .withApiGroup("rbac.authorization.k8s.io")
                    .build()));
    RoleBinding binding = TenantRoleBinding.desired(tenant, "acme-agents").orElseThrow();
    assertEquals("acme-agents", binding.getMetadata().getNamespace());
    assertEquals("ClusterRole", binding.getRoleRef().getKind());
    assertEquals("tenant-agent-developer", binding.getRoleRef().getName());
    assertEquals("acme-devs", binding.getSubjects().get(0).getName());
    assertEquals("Tenant", binding.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("uid-acme", binding.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals("acme", binding.getMetadata().getLabels().get(TenantLabels.TENANT_NAME));
  }

  @Test
  void noDevelopersNoQuotaNoLimitsMeansNoSuchObjects() {
    Tenant tenant = tenant();
    assertTrue(TenantRoleBinding.desired(tenant, "acme-agents").isEmpty());
    assertTrue(TenantResourceQuota.desired(tenant, "acme-agents").isEmpty());
    assertTrue(TenantLimitRange.desired(tenant, "acme-agents").isEmpty());
  }

  @Test
  void quotaAndLimitsAreTheSameInEachNamespace() {
    Tenant tenant = tenant();
    tenant
        .getSpec()
        .setQuota(Map.of("requests.cpu", new Quantity("4"), "pods", new Quantity("20")));
    TenantLimits limits = new TenantLimits();
    limits.setDefaultLimits(Map.of("memory", new Quantity("512Mi")));
    limits.setDefaultRequests(Map.of("cpu", new Quantity("100m")));
    tenant.getSpec().setLimits(limits);

    assertEquals(
        new Quantity("20"),
        TenantResourceQuota.desired(tenant, "acme-agents")
            .orElseThrow()
            .getSpec()
            .getHard()
            .get("pods"));
    var item =
        TenantLimitRange.desired(tenant, "acme-agents").orElseThrow().getSpec().getLimits().get(0);
    assertEquals("Container", item.getType());
    assertEquals(new Quantity("512Mi"), item.getDefault().get("memory"));
    assertEquals(new Quantity("100m"), item.getDefaultRequest().get("cpu"));
  }

  @Test
  void ingressIsDeniedExceptFromTheNamespaceItselfAndThePlatform() {
    NetworkPolicy policy =
        TenantNetworkPolicy.desired(
            tenant(), "acme-agents", network(Optional.of("agentic-platform"), "", null));
    assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
    assertTrue(
        policy.getSpec().getPodSelector().getMatchLabels() == null
            || policy.getSpec().getPodSelector().getMatchLabels().isEmpty(),
        "every pod");
    List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(0).getFrom();
    assertEquals(2, from.size());
    assertEquals(null, from.get(0).getNamespaceSelector(), "pods of the same namespace");
    assertEquals(
        "agentic-platform",
        from.get(1).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));

    NetworkPolicy withoutPlatform =
        TenantNetworkPolicy.desired(tenant(), "acme-agents", network(Optional.empty(), "", null));
    assertEquals(1, withoutPlatform.getSpec().getIngress().get(0).getFrom().size());
  }

  @Test
  void theConfiguredGatewayMayConnectIn() {
    NetworkPolicy policy =
        TenantNetworkPolicy.desired(
            tenant(),
            "acme-agents",
            network(
                Optional.of("agentic-platform"),
                "[{\"namespaceSelector\":{\"matchLabels\":"
                    + "{\"kubernetes.io/metadata.name\":\"agentgateway-system\"}}}]",
                null));
    List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(0).getFrom();
    assertEquals(3, from.size());
    assertEquals(
        "agentgateway-system",
        from.get(2).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
  }

  @Test
  void egressIsLimitedToTheNamespaceThePlatformDnsAndTheConfiguredDestinations() {
    String nats =
        "[{\"to\":[{\"namespaceSelector\":{\"matchLabels\":"
            + "{\"kubernetes.io/metadata.name\":\"nats\"}}}],"
            + "\"ports\":[{\"protocol\":\"TCP\",\"port\":4222}]}]";
    String dns =
        "[{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":"
            + "\"kube-system\"}},\"podSelector\":{\"matchLabels\":{\"k8s-app\":\"kube-dns\"}}}]";
    NetworkPolicy policy =
        TenantEgressPolicy.desired(
                tenant(), "acme-agents", network(Optional.of("agentic-platform"), "", nats, dns))
            .orElseThrow();
    assertEquals(List.of("Egress"), policy.getSpec().getPolicyTypes());
    var rules = policy.getSpec().getEgress();
    assertEquals(3, rules.size());
    // Own namespace and the platform's, any port.
    assertEquals(null, rules.get(0).getTo().get(0).getNamespaceSelector());
    assertEquals(
        "agentic-platform",
        rules
            .get(0)
            .getTo()
            .get(1)
            .getNamespaceSelector()
            .getMatchLabels()
            .get("kubernetes.io/metadata.name"));
    assertTrue(rules.get(0).getPorts() == null || rules.get(0).getPorts().isEmpty());
    // DNS to the cluster DNS only, UDP and TCP 53.
    assertEquals(
        List.of("UDP/53", "TCP/53"),
        rules.get(1).getPorts().stream()
            .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
            .toList());
    assertEquals(
        "kube-dns", rules.get(1).getTo().get(0).getPodSelector().getMatchLabels().get("k8s-app"));
    // The configured destination, as given.
    assertEquals(4222, rules.get(2).getPorts().get(0).getPort().getIntVal());

    assertTrue(
        TenantEgressPolicy.desired(tenant(), "acme-agents", network(Optional.empty(), "", null))
            .isEmpty(),
        "no egress rules configured: egress is left open rather than cut off");
  }

  @Test
  void aNetworkSettingThatIsNotJsonStopsTheControllerNamingIt() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> network(Optional.empty(), "[{not json", null));
    assertTrue(
        e.getMessage().startsWith("CONTROLLER_TENANTS_INGRESS_FROM is not valid JSON"),
        e.getMessage());
  }

  private static TenantNetwork network(
      Optional<String> platform, String ingressFrom, String egress) {
    return network(platform, ingressFrom, egress, null);
  }

  private static TenantNetwork network(
      Optional<String> platform, String ingressFrom, String egress, String dnsTo) {
    return TenantNetwork.from(
        new ControllerConfig.Tenants() {
          @Override
          public Optional<String> platformNamespace() {
            return platform;
          }

          @Override
          public Optional<String> ingressFrom() {
            return Optional.ofNullable(ingressFrom);
          }

          @Override
          public Optional<String> egress() {
            return Optional.ofNullable(egress);
          }

          @Override
          public Optional<String> dnsTo() {
            return Optional.ofNullable(dnsTo);
          }

          @Override
          public Optional<String> sandboxTokenKey() {
            return Optional.empty();
          }

          @Override
          public String sandboxTokenKeyId() {
            return "k1";
          }

          @Override
          public java.time.Duration sandboxTokenTtl() {
            return java.time.Duration.ofHours(24);
          }
        });
  }
}
