package io.agentic.platform.controller.secrets;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.status.Problem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Optional;

/**
 * The agent-profiles ConfigMap as found in the cluster: what is missing, and a digest of its
 * profiles key for the pod template. The worker reads its profiles once at start, so a changed
 * ConfigMap must roll the pods even though the kubelet updates the mounted file in place.
 *
 * @param digest a SHA-256 of the key's content, empty without a ConfigMap reference
 */
public record AgentProfilesCheck(List<Problem> problems, String digest) {

  public static final String CONFIG_MAP_MISSING = "ConfigMapMissing";
  public static final String CONFIG_MAP_KEY_MISSING = "ConfigMapKeyMissing";

  public static final AgentProfilesCheck NONE = new AgentProfilesCheck(List.of(), "");

  public static AgentProfilesCheck of(
      String namespace, AgentExecutorSpec spec, Optional<ConfigMap> configMap) {
    Optional<String> name = reference(spec);
    if (name.isEmpty()) {
      return NONE;
    }
    if (configMap.isEmpty()) {
      return new AgentProfilesCheck(
          List.of(
              new Problem(
                  CONFIG_MAP_MISSING,
                  "ConfigMap "
                      + name.get()
                      + " not found in namespace "
                      + namespace
                      + " (spec.agentProfilesConfigMap, needs key "
                      + AgentExecutorSpec.AGENT_PROFILES_KEY
                      + ")")),
          "<no configmap>");
    }
    String content =
        configMap.get().getData() == null
            ? null
            : configMap.get().getData().get(AgentExecutorSpec.AGENT_PROFILES_KEY);
    if (content == null) {
      return new AgentProfilesCheck(
          List.of(
              new Problem(
                  CONFIG_MAP_KEY_MISSING,
                  "ConfigMap "
                      + name.get()
                      + " lacks key "
                      + AgentExecutorSpec.AGENT_PROFILES_KEY
                      + " (the agent profiles, as executor.agents.<name>.* properties)")),
          "<no key>");
    }
    // Hashed again: whatever the cache holds, the pod template never carries the content.
    return new AgentProfilesCheck(List.of(), ValueDigests.sha256(content));
  }

  public static Optional<String> reference(AgentExecutorSpec spec) {
    return Optional.ofNullable(spec.getAgentProfilesConfigMap()).filter(n -> !n.isBlank());
  }
}
