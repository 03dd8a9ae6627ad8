package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.crd.v1alpha1.ExecutorSize;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import io.agentic.platform.controller.secrets.AgentProfilesCheck;
import io.agentic.platform.controller.secrets.SecretKeyReference;
import io.agentic.platform.controller.secrets.SecretReferences;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worker pod of an AgentExecutor: a {@code run-migrations} init container (unless turned off)
 * and the worker container, both from the tenant's image, under the restricted Pod Security
 * Standard with a read-only root filesystem, wired into the platform: traces to the configured OTLP
 * endpoint, the memory-gateway when asked, agent profiles from a ConfigMap, and the scheduling of
 * the platform, the tenant and the AgentExecutor.
 */
public final class WorkerPod {

  public static final String MIGRATIONS_CONTAINER = "run-migrations";
  public static final String WORKER_CONTAINER = "agent-executor";
  public static final String HTTP_PORT_NAME = "http";
  public static final int HTTP_PORT = 8080;

  public static final String NATS_CREDENTIALS_VOLUME = "nats-credentials";
  public static final String NATS_CREDENTIALS_DIR_ENV = "NATS_CREDENTIALS_DIR";
  public static final String EXECUTOR_TENANTS_ENV = "EXECUTOR_TENANTS";
  public static final String AGENT_PROFILES_VOLUME = "agent-profiles";
  public static final String TMP_VOLUME = "tmp";

  /** Scratch space under the read-only root filesystem (the JVM and Netty write there). */
  static final String TMP_SIZE_LIMIT = "64Mi";

  /**
   * Owner group of the mounted credential files. The kubelet adds the fsGroup to the container's
   * supplementary groups, so any image user can read them; 65532 is the group of the platform's
   * distroless images.
   */
  static final long CREDENTIALS_FS_GROUP = 65532L;

  /** Owner and group may read, nobody may write: 0440. */
  static final int CREDENTIALS_FILE_MODE = 0440;

  /** Pod-template annotation whose change rolls the pods when a referenced Secret key changes. */
  public static final String SECRETS_DIGEST_ANNOTATION = "platform.bizmatters.io/secrets-digest";

  /** Pod-template annotation whose change rolls the pods when the agent profiles change. */
  public static final String PROFILES_DIGEST_ANNOTATION = "platform.bizmatters.io/profiles-digest";

  static final String OTLP_ENDPOINT_ENV = "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String SERVICE_NAME_ENV = "QUARKUS_OTEL_SERVICE_NAME";
  static final String RESOURCE_ATTRIBUTES_ENV = "QUARKUS_OTEL_RESOURCE_ATTRIBUTES";
  static final String MEMORY_GATEWAY_URL_ENV = "MEMORY_GATEWAY_URL";
  static final String CONFIG_LOCATIONS_ENV = "SMALLRYE_CONFIG_LOCATIONS";

  /** Names the controller sets itself; extra env may not override them. */
  public static final Set<String> MANAGED_ENV_NAMES =
      Set.of(
          "POSTGRES_HOST",
          "POSTGRES_PORT",
          "POSTGRES_DB",
          "POSTGRES_USER",
          "POSTGRES_PASSWORD",
          "DRAGONFLY_HOST",
          "DRAGONFLY_PORT",
          "DRAGONFLY_PASSWORD",
          "OPENAI_API_KEY",
          "ANTHROPIC_API_KEY",
          "NATS_URL",
          "NATS_STREAM_NAME",
          "NATS_CONSUMER_GROUP",
          NATS_CREDENTIALS_DIR_ENV,
          EXECUTOR_TENANTS_ENV,
          "EXECUTOR_MODE",
          // Traces are attributed by these: a tenant may not pose as another namespace.
          OTLP_ENDPOINT_ENV,
          SERVICE_NAME_ENV,
          RESOURCE_ATTRIBUTES_ENV,
          MEMORY_GATEWAY_URL_ENV,
          SecretReferences.MEMORY_GATEWAY_TOKEN,
          CONFIG_LOCATIONS_ENV);

  private WorkerPod() {}

  public static PodTemplateSpec template(AgentExecutor executor, ReconcileInputs inputs) {
    AgentExecutorSpec spec = executor.getSpec();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SECRETS_DIGEST_ANNOTATION, inputs.secrets().digest());
    // Only with a ConfigMap, so that AgentExecutors without one keep their pod template.
    if (AgentProfilesCheck.reference(spec).isPresent()) {
      annotations.put(PROFILES_DIGEST_ANNOTATION, inputs.profiles().digest());
    }
    Scheduling scheduling = inputs.scheduling();
    List<Container> init = spec.getMigrations().isEnabled() ? List.of(migrations(spec)) : List.of();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(WorkloadLabels.all(executor))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(executor.getMetadata().getName())
        // The worker talks to NATS, PostgreSQL and Dragonfly, never to the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withImagePullSecrets(
            spec.getImagePullSecrets().stream().map(LocalObjectReference::new).toList())
        .withSecurityContext(podSecurity(spec))
        .withInitContainers(init)
        .withContainers(worker(executor, inputs))
        .withVolumes(volumes(spec))
        .withNodeSelector(emptyToNull(scheduling.getNodeSelector()))
        .withTolerations(scheduling.getTolerations())
        .withAffinity(scheduling.getAffinity())
        .withPriorityClassName(scheduling.getPriorityClassName())
        .endSpec()
        .build();
  }

  private static Map<String, String> emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static PodSecurityContext podSecurity(AgentExecutorSpec spec) {
    PodSecurityContextBuilder security =
        new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile();
    // Only with the mount, so that AgentExecutors without NATS credentials keep their pod template.
    if (SecretReferences.natsCredentials(spec).isPresent()) {
      security.withFsGroup(CREDENTIALS_FS_GROUP);
    }
    return security.build();
  }

  private static List<Volume> volumes(AgentExecutorSpec spec) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(TMP_VOLUME)
            .withNewEmptyDir()
            .withSizeLimit(new Quantity(TMP_SIZE_LIMIT))
            .endEmptyDir()
            .build());
    SecretReferences.natsCredentials(spec)
        .ifPresent(
            secret ->
                volumes.add(
                    new VolumeBuilder()
                        .withName(NATS_CREDENTIALS_VOLUME)
                        .withNewSecret()
                        .withSecretName(secret)
                        .withDefaultMode(CREDENTIALS_FILE_MODE)
                        .endSecret()
                        .build()));
    AgentProfilesCheck.reference(spec)
        .ifPresent(
            configMap ->
                volumes.add(
                    new VolumeBuilder()
                        .withName(AGENT_PROFILES_VOLUME)
                        .withNewConfigMap()
                        .withName(configMap)
                        .addNewItem()
                        .withKey(AgentExecutorSpec.AGENT_PROFILES_KEY)
                        .withPath(AgentExecutorSpec.AGENT_PROFILES_KEY)
                        .endItem()
                        .endConfigMap()
                        .build()));
    return volumes;
  }

  private static VolumeMount tmpMount() {
    return new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build();
  }

  private static Container migrations(AgentExecutorSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("EXECUTOR_MODE", "migrate", null));
    SecretReferences.postgres(spec).forEach(ref -> env.add(fromSecret(ref)));
    return new ContainerBuilder()
        .withName(MIGRATIONS_CONTAINER)
        .withImage(spec.getImage())
        .withEnv(env)
        .withVolumeMounts(tmpMount())
        .withResources(resources(spec.getSize()))
        .withSecurityContext(restricted())
        .build();
  }

  private static Container worker(AgentExecutor executor, ReconcileInputs inputs) {
    AgentExecutorSpec spec = executor.getSpec();
    Optional<String> tenant = inputs.tenant();
    List<EnvVar> env =
        SecretReferences.of(spec).stream()
            .map(WorkerPod::fromSecret)
            .collect(Collectors.toCollection(ArrayList::new));
    env.add(new EnvVar("NATS_URL", spec.getNatsUrl(), null));
    env.add(new EnvVar("NATS_STREAM_NAME", spec.getNatsStreamName(), null));
    env.add(new EnvVar("NATS_CONSUMER_GROUP", spec.getNatsConsumerGroup(), null));
    // In a tenant's namespace the worker takes that tenant's requests only: its consumer filters
    // on the tenant's subject and anything else is refused.
    tenant.ifPresent(t -> env.add(new EnvVar(EXECUTOR_TENANTS_ENV, t, null)));
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(tmpMount());
    if (SecretReferences.natsCredentials(spec).isPresent()) {
      env.add(new EnvVar(NATS_CREDENTIALS_DIR_ENV, AgentExecutorSpec.NATS_CREDENTIALS_DIR, null));
      mounts.add(
          new VolumeMountBuilder()
              .withName(NATS_CREDENTIALS_VOLUME)
              .withMountPath(AgentExecutorSpec.NATS_CREDENTIALS_DIR)
              .withReadOnly(true)
              .build());
    }
    if (AgentProfilesCheck.reference(spec).isPresent()) {
      env.add(
          new EnvVar(
              CONFIG_LOCATIONS_ENV,
              AgentExecutorSpec.AGENT_PROFILES_DIR + "/" + AgentExecutorSpec.AGENT_PROFILES_KEY,
              null));
      mounts.add(
          new VolumeMountBuilder()
              .withName(AGENT_PROFILES_VOLUME)
              .withMountPath(AgentExecutorSpec.AGENT_PROFILES_DIR)
              .withReadOnly(true)
              .build());
    }
    WorkerWiring wiring = inputs.wiring();
    wiring
        .otlpEndpoint()
        .ifPresent(
            endpoint -> {
              env.add(new EnvVar(OTLP_ENDPOINT_ENV, endpoint, null));
              env.add(new EnvVar(SERVICE_NAME_ENV, executor.getMetadata().getName(), null));
              env.add(
                  new EnvVar(RESOURCE_ATTRIBUTES_ENV, resourceAttributes(executor, tenant), null));
            });
    if (SecretReferences.memoryEnabled(spec)) {
      wiring
          .memoryGatewayUrl()
          .ifPresent(url -> env.add(new EnvVar(MEMORY_GATEWAY_URL_ENV, url, null)));
    }
    env.addAll(spec.getEnv());
    return new ContainerBuilder()
        .withName(WORKER_CONTAINER)
        .withImage(spec.getImage())
        .addNewPort()
        .withName(HTTP_PORT_NAME)
        .withContainerPort(HTTP_PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(env)
        .withVolumeMounts(mounts)
        .withLivenessProbe(httpProbe("/health", 30, 10))
        .withReadinessProbe(httpProbe("/ready", 10, 5))
        .withResources(resources(spec.getSize()))
        .withSecurityContext(restricted())
        .build();
  }

  /**
   * OpenTelemetry resource attributes that say where spans come from: the Kubernetes namespace and,
   * in a tenant's namespace, the tenant. Names and values are DNS labels, so no escaping is needed
   * in the comma-separated list.
   */
  static String resourceAttributes(AgentExecutor executor, Optional<String> tenant) {
    String attributes =
        "k8s.namespace.name="
            + executor.getMetadata().getNamespace()
            + ",k8s.deployment.name="
            + executor.getMetadata().getName();
    return tenant.map(t -> attributes + ",tenant.id=" + t).orElse(attributes);
  }

  private static EnvVar fromSecret(SecretKeyReference ref) {
    return new EnvVarBuilder()
        .withName(ref.envName())
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(ref.secretName())
        .withKey(ref.key())
        .withOptional(ref.optional() ? Boolean.TRUE : null)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /** The probe timings of the platform API document. */
  private static Probe httpProbe(String path, int initialDelaySeconds, int periodSeconds) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(HTTP_PORT))
        .endHttpGet()
        .withInitialDelaySeconds(initialDelaySeconds)
        .withPeriodSeconds(periodSeconds)
        .build();
  }

  /** All four values of the size table (the composition only patched the CPU request). */
  static ResourceRequirements resources(ExecutorSize size) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(size.cpuRequest()))
        .addToRequests("memory", new Quantity(size.memoryRequest()))
        .addToLimits("cpu", new Quantity(size.cpuLimit()))
        .addToLimits("memory", new Quantity(size.memoryLimit()))
        .build();
  }

  private static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }
}
