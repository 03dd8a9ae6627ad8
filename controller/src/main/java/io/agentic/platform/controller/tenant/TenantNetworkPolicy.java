package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Default-deny ingress for a tenant's namespace: its own pods and the platform's namespace (the
 * sandbox-router, the gateways) may connect; other tenants may not.
 */
final class TenantNetworkPolicy {

  static final String NAME = "tenant-default-ingress";
  private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private TenantNetworkPolicy() {}

  static NetworkPolicy desired(
      Tenant tenant, String namespace, Optional<String> platformNamespace) {
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    peers.add(
        new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder().build()).build());
    platformNamespace.ifPresent(
        platform ->
            peers.add(
                new NetworkPolicyPeerBuilder()
                    .withNamespaceSelector(
                        new LabelSelectorBuilder()
                            .addToMatchLabels(NAMESPACE_NAME, platform)
                            .build())
                    .build()));
    return new NetworkPolicyBuilder()
        .withMetadata(TenantLabels.child(tenant, namespace, NAME))
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().build())
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withFrom(peers)
        .endIngress()
        .endSpec()
        .build();
  }
}
