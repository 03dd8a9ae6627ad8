package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.crd.v1alpha1.ExecutorSize;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worker pod of an AgentExecutor: a {@code run-migrations} init container and the worker
 * container, both from the tenant's image, under the restricted Pod Security Standard.
 */
public final class WorkerPod {

  public static final String MIGRATIONS_CONTAINER = "run-migrations";
  public static final String WORKER_CONTAINER = "agent-executor";
  public static final String HTTP_PORT_NAME = "http";
  public static final int HTTP_PORT = 8080;

  public static final String NATS_CREDENTIALS_VOLUME = "nats-credentials";
  public static final String NATS_CREDENTIALS_DIR_ENV = "NATS_CREDENTIALS_DIR";
  public static final String EXECUTOR_TENANTS_ENV = "EXECUTOR_TENANTS";

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
          "EXECUTOR_MODE");

  private WorkerPod() {}

  public static PodTemplateSpec template(
      AgentExecutor executor, String secretsDigest, Optional<String> tenant) {
    AgentExecutorSpec spec = executor.getSpec();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(WorkloadLabels.all(executor))
        .withAnnotations(Map.of(SECRETS_DIGEST_ANNOTATION, secretsDigest))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(executor.getMetadata().getName())
        // The worker talks to NATS, PostgreSQL and Dragonfly, never to the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withImagePullSecrets(
            spec.getImagePullSecrets().stream().map(LocalObjectReference::new).toList())
        .withSecurityContext(podSecurity(spec))
        .withInitContainers(migrations(spec))
        .withContainers(worker(spec, tenant))
        .withVolumes(volumes(spec))
        .endSpec()
        .build();
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
    return SecretReferences.natsCredentials(spec)
        .map(
            secret ->
                List.of(
                    new VolumeBuilder()
                        .withName(NATS_CREDENTIALS_VOLUME)
                        .withNewSecret()
                        .withSecretName(secret)
                        .withDefaultMode(CREDENTIALS_FILE_MODE)
                        .endSecret()
                        .build()))
        .orElse(List.of());
  }

  private static Container migrations(AgentExecutorSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("EXECUTOR_MODE", "migrate", null));
    SecretReferences.postgres(spec).forEach(ref -> env.add(fromSecret(ref)));
    return new ContainerBuilder()
        .withName(MIGRATIONS_CONTAINER)
        .withImage(spec.getImage())
        .withEnv(env)
        .withResources(resources(spec.getSize()))
        .withSecurityContext(restricted())
        .build();
  }

  private static Container worker(AgentExecutorSpec spec, Optional<String> tenant) {
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
    if (SecretReferences.natsCredentials(spec).isPresent()) {
      env.add(new EnvVar(NATS_CREDENTIALS_DIR_ENV, AgentExecutorSpec.NATS_CREDENTIALS_DIR, null));
      mounts.add(
          new VolumeMountBuilder()
              .withName(NATS_CREDENTIALS_VOLUME)
              .withMountPath(AgentExecutorSpec.NATS_CREDENTIALS_DIR)
              .withReadOnly(true)
              .build());
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
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }
}
