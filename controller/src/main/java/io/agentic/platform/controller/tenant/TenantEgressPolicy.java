package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Egress of a tenant's namespace limited to what an agent needs: its own namespace, the platform's,
 * cluster DNS and the configured destinations (NATS, the LLM gateway). Not made when the platform
 * configures no egress rules, so clusters that did not opt in keep working.
 */
final class TenantEgressPolicy {

  static final String NAME = "tenant-default-egress";

  private TenantEgressPolicy() {}

  static Optional<NetworkPolicy> desired(Tenant tenant, String namespace, TenantNetwork network) {
    if (network.egress().isEmpty()) {
      return Optional.empty();
    }
    List<NetworkPolicyEgressRule> rules = new ArrayList<>();
    NetworkPolicyEgressRuleBuilder internal =
        new NetworkPolicyEgressRuleBuilder()
            .addToTo(
                new NetworkPolicyPeerBuilder()
                    .withPodSelector(new LabelSelectorBuilder().build())
                    .build());
    network
        .platformNamespace()
        .ifPresent(platform -> internal.addToTo(TenantNetworkPolicy.namespacePeer(platform)));
    rules.add(internal.build());
    NetworkPolicyEgressRuleBuilder dns =
        new NetworkPolicyEgressRuleBuilder()
            .addToPorts(
                new NetworkPolicyPortBuilder()
                    .withProtocol("UDP")
                    .withPort(new IntOrString(53))
                    .build(),
                new NetworkPolicyPortBuilder()
                    .withProtocol("TCP")
                    .withPort(new IntOrString(53))
                    .build());
    if (!network.dnsTo().isEmpty()) {
      dns.withTo(network.dnsTo());
    }
    rules.add(dns.build());
    rules.addAll(network.egress().get());
    return Optional.of(
        new NetworkPolicyBuilder()
            .withMetadata(TenantLabels.child(tenant, namespace, NAME))
            .withNewSpec()
            .withPodSelector(new LabelSelectorBuilder().build())
            .withPolicyTypes("Egress")
            .withEgress(rules)
            .endSpec()
            .build());
  }
}
