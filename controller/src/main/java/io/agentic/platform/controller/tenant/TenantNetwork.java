package io.agentic.platform.controller.tenant;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentic.platform.controller.ControllerConfig;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Optional;

/**
 * The traffic the platform allows into and out of tenant namespaces, from the controller's
 * configuration (set by the chart).
 *
 * @param platformNamespace the platform's namespace: may connect in, may be reached
 * @param ingressFrom further peers that may connect in (e.g. the gateway's namespace)
 * @param egress further egress rules (NATS, the LLM gateway); empty: egress is not restricted
 * @param dnsTo the cluster DNS peers; empty: port 53 anywhere
 */
record TenantNetwork(
    Optional<String> platformNamespace,
    List<NetworkPolicyPeer> ingressFrom,
    Optional<List<NetworkPolicyEgressRule>> egress,
    List<NetworkPolicyPeer> dnsTo) {

  static TenantNetwork from(ControllerConfig.Tenants config) {
    return new TenantNetwork(
        config.platformNamespace().filter(s -> !s.isBlank()),
        ControllerConfig.json(
            "CONTROLLER_TENANTS_INGRESS_FROM",
            config.ingressFrom(),
            new TypeReference<List<NetworkPolicyPeer>>() {},
            List.of()),
        config.egress().filter(s -> !s.isBlank()).isEmpty()
            ? Optional.empty()
            : Optional.of(
                ControllerConfig.json(
                    "CONTROLLER_TENANTS_EGRESS",
                    config.egress(),
                    new TypeReference<List<NetworkPolicyEgressRule>>() {},
                    List.of())),
        ControllerConfig.json(
            "CONTROLLER_TENANTS_DNS_TO",
            config.dnsTo(),
            new TypeReference<List<NetworkPolicyPeer>>() {},
            List.of()));
  }
}
