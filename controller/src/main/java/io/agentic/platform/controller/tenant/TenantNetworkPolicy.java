package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Default-deny ingress for a tenant's namespace: its own pods, the platform's namespace (the
 * sandbox-router, the memory-gateway) and the configured peers (the LLM and A2A gateway) may
 * connect; other tenants may not.
 */
final class TenantNetworkPolicy {

  static final String NAME = "tenant-default-ingress";
  private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private TenantNetworkPolicy() {}

  static NetworkPolicy desired(Tenant tenant, String namespace, TenantNetwork network) {
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    peers.add(
        new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder().build()).build());
    network.platformNamespace().ifPresent(platform -> peers.add(namespacePeer(platform)));
    peers.addAll(network.ingressFrom());
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

  /** Every pod of the namespace called {@code name}. */
  static NetworkPolicyPeer namespacePeer(String name) {
    return new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(
            new LabelSelectorBuilder().addToMatchLabels(NAMESPACE_NAME, name).build())
        .build();
  }
}
