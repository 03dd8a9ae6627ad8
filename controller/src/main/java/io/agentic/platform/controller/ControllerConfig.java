package io.agentic.platform.controller;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the controller itself; every key is documented in the module README. */
@ConfigMapping(prefix = "controller")
public interface ControllerConfig {

  LeaderElection leaderElection();

  /**
   * {@code CONTROLLER_API_PRESENCE_TTL}: how long the presence of an optional API (KEDA, the
   * Prometheus Operator) is taken as known before it is looked up again.
   */
  @WithDefault("30s")
  Duration apiPresenceTtl();

  /**
   * A setting that holds JSON (the chart renders structured values with {@code toJson}), parsed
   * once at start: a value that does not parse stops the controller with the setting's name rather
   * than failing every reconciliation.
   */
  static <T> T json(String name, Optional<String> value, TypeReference<T> type, T absent) {
    if (value.isEmpty() || value.get().isBlank()) {
      return absent;
    }
    try {
      T parsed = Serialization.jsonMapper().readValue(value.get(), type);
      return parsed == null ? absent : parsed;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          name + " is not valid JSON of the expected shape: " + e.getMessage(), e);
    }
  }

  Tenants tenants();

  Executors executors();

  Runner runner();

  Expose expose();

  Secrets secrets();

  /** The tenants' Secrets, which the controller watches for the AgentExecutors that name them. */
  interface Secrets {
    /**
     * {@code CONTROLLER_SECRETS_IGNORED_TYPES}: Secret types the controller neither watches nor
     * caches (a field selector on its Secret informer, applied by the API server). None of them is
     * a Secret an AgentExecutor names, and some hold what the controller should never receive:
     * service-account and bootstrap tokens, registry credentials, and Helm's release records (every
     * release's whole manifest, the bulk of a cluster's Secrets).
     */
    @WithDefault(
        "kubernetes.io/service-account-token,bootstrap.kubernetes.io/token,"
            + "kubernetes.io/dockerconfigjson,kubernetes.io/dockercfg,helm.sh/release.v1")
    List<String> ignoredTypes();

    /**
     * {@code CONTROLLER_SECRETS_LABEL_SELECTOR}: when set, the controller sees only Secrets with
     * these labels (e.g. {@code platform.agentic.io/executor-secret=true}), and an AgentExecutor
     * naming a Secret without them is reported {@code SecretMissing}; unset: every Secret but the
     * ignored types.
     */
    Optional<String> labelSelector();
  }

  /**
   * Routes generated for resources annotated {@code platform.agentic.io/expose: "true"} (kagent
   * Agents, agentgateway backends), attached to the platform's Gateway.
   */
  interface Expose {
    /** {@code CONTROLLER_EXPOSE_ENABLED}: whether the controller generates routes at all. */
    @WithDefault("true")
    boolean enabled();

    /** {@code CONTROLLER_EXPOSE_GATEWAY_NAME}: the Gateway every generated route attaches to. */
    @WithDefault("agentgateway-proxy")
    String gatewayName();

    /** {@code CONTROLLER_EXPOSE_GATEWAY_NAMESPACE}: that Gateway's namespace. */
    @WithDefault("agentgateway-system")
    String gatewayNamespace();

    /**
     * {@code CONTROLLER_EXPOSE_GATEWAY_LISTENER}: the Gateway listener (the route's {@code
     * sectionName}); empty: every listener that admits the route.
     */
    @WithDefault("platform")
    Optional<String> gatewayListener();

    /**
     * {@code CONTROLLER_EXPOSE_A2A_PORT}: the port of the Service kagent makes for an Agent, on
     * which the agent serves A2A.
     */
    @WithDefault("8080")
    int a2aPort();
  }

  /** The one-shot runs of AgentRuns. */
  interface Runner {
    /**
     * {@code AGENT_RUNNER_IMAGE} (or {@code CONTROLLER_RUNNER_IMAGE}): image of AgentRuns that name
     * none (chart {@code runner.image}, by default the release's agent-executor image).
     */
    Optional<String> image();

    /**
     * {@code CONTROLLER_RUNNER_JOB_TTL_SECONDS_AFTER_FINISHED}: how long finished Jobs stay once
     * the AgentRun recorded them, unless the AgentRun says (30 s to 7 d); 0 keeps them.
     */
    @WithDefault("3600")
    int jobTtlSecondsAfterFinished();
  }

  interface Tenants {
    /**
     * {@code CONTROLLER_TENANTS_PLATFORM_NAMESPACE}: the platform's namespace (the chart's release
     * namespace), whose pods may connect into tenant namespaces and which tenant pods may reach;
     * without it only a namespace's own pods may.
     */
    Optional<String> platformNamespace();

    /**
     * {@code CONTROLLER_TENANTS_INGRESS_FROM}: JSON list of NetworkPolicy peers that may connect
     * into tenant namespaces besides the namespace itself and the platform's (e.g. the gateway's
     * namespace).
     */
    Optional<String> ingressFrom();

    /**
     * {@code CONTROLLER_TENANTS_EGRESS}: JSON list of NetworkPolicy egress rules tenant pods may
     * use besides their namespace, the platform's and DNS (e.g. NATS, the LLM gateway). Unset:
     * egress is not restricted.
     */
    Optional<String> egress();

    /**
     * {@code CONTROLLER_TENANTS_DNS_TO}: JSON list of NetworkPolicy peers serving cluster DNS;
     * unset: port 53 to any destination.
     */
    Optional<String> dnsTo();

    /**
     * {@code CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY}: the sandbox-router's scoped-token key (the
     * router's {@code ROUTER_AUTH_SCOPED_KEY}), with which tokens for Tenants with sandboxAccess
     * are minted; without it such Tenants are reported degraded. Never logged.
     */
    Optional<String> sandboxTokenKey();

    /** {@code CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY_ID}: the id the router knows that key by. */
    @WithDefault("k1")
    String sandboxTokenKeyId();

    /**
     * {@code CONTROLLER_TENANTS_SANDBOX_TOKEN_TTL}: lifetime of a minted token, at most the
     * router's maximum of 24 h; a token is replaced once less than a third of it is left.
     */
    @WithDefault("24h")
    Duration sandboxTokenTtl();
  }

  /** What the controller wires into every AgentExecutor's worker pods. */
  interface Executors {
    /**
     * {@code CONTROLLER_EXECUTORS_OTLP_ENDPOINT}: OTLP/gRPC endpoint the workers export traces to
     * (the chart's otel-bridge); unset: the image's own setting.
     */
    Optional<String> otlpEndpoint();

    /**
     * {@code CONTROLLER_EXECUTORS_MEMORY_GATEWAY_URL}: the platform's memory-gateway, given to
     * workers whose AgentExecutor enables memory.
     */
    Optional<String> memoryGatewayUrl();

    /**
     * {@code CONTROLLER_EXECUTORS_DEFAULT_SCHEDULING}: JSON object with nodeSelector, tolerations,
     * affinity and priorityClassName for every worker pod, overridden field by field by the
     * Tenant's and the AgentExecutor's own.
     */
    Optional<String> defaultScheduling();

    /**
     * {@code CONTROLLER_EXECUTORS_POD_MONITOR_LABELS}: JSON object of labels on each PodMonitor, so
     * a Prometheus selects them.
     */
    Optional<String> podMonitorLabels();
  }

  interface LeaderElection {
    /** Name of the Lease that replicas of the controller compete for. */
    @WithDefault("agentic-platform-controller")
    String leaseName();

    /**
     * Namespace of the Lease; defaults to the controller's own namespace (read from its service
     * account when it runs in a pod).
     */
    Optional<String> leaseNamespace();
  }
}
