package io.agentic.platform.controller.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.crd.v1alpha1.ExecutorSize;
import io.agentic.platform.controller.secrets.SecretCheck;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Desired state of the ServiceAccount, Deployment and Service for a given spec. */
class WorkloadDesiredStateTest {

  private static final Map<String, String> SELECTOR =
      Map.of(
          "app.kubernetes.io/name", "agent-executor", "app.kubernetes.io/instance", "my-service");

  private final AgentExecutor example = Examples.consumerExample();

  @Test
  void deploymentOfTheConsumerExampleFieldByField() {
    Deployment deployment = deployment(example, null);

    assertEquals("my-service", deployment.getMetadata().getName());
    assertEquals("my-namespace", deployment.getMetadata().getNamespace());
    assertLabels(deployment.getMetadata().getLabels());
    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals(SELECTOR, deployment.getSpec().getSelector().getMatchLabels());
    assertLabels(deployment.getSpec().getTemplate().getMetadata().getLabels());
    assertTrue(
        deployment
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(WorkerPod.SECRETS_DIGEST_ANNOTATION)
            .matches("[0-9a-f]{64}"));

    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals("my-service", pod.getServiceAccountName());
    assertEquals(false, pod.getAutomountServiceAccountToken());
    assertEquals(
        List.of("ghcr-pull-secret"),
        pod.getImagePullSecrets().stream().map(r -> r.getName()).toList());
    assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());

    assertEquals(1, pod.getInitContainers().size());
    Container init = pod.getInitContainers().get(0);
    assertEquals("run-migrations", init.getName());
    assertEquals("ghcr.io/myorg/my-service:v1.0.0", init.getImage());
    assertEquals("migrate", valueOf(init, "EXECUTOR_MODE"));
    for (String key :
        List.of(
            "POSTGRES_HOST",
            "POSTGRES_PORT",
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD")) {
      assertSecretRef(init, key, "my-postgres-secret", false);
    }
    assertEquals(6, init.getEnv().size(), "migrations get the database and nothing else");
    assertRestricted(init);
    assertResources(init, "500m", "2000m", "1Gi", "4Gi");

    assertEquals(1, pod.getContainers().size());
    Container worker = pod.getContainers().get(0);
    assertEquals("agent-executor", worker.getName());
    assertEquals("ghcr.io/myorg/my-service:v1.0.0", worker.getImage());
    assertEquals(1, worker.getPorts().size());
    assertEquals(8080, worker.getPorts().get(0).getContainerPort());
    assertEquals("http", worker.getPorts().get(0).getName());
    assertEquals("TCP", worker.getPorts().get(0).getProtocol());
    assertProbe(worker.getLivenessProbe(), "/health", 30, 10);
    assertProbe(worker.getReadinessProbe(), "/ready", 10, 5);
    assertResources(worker, "500m", "2000m", "1Gi", "4Gi");
    assertRestricted(worker);

    assertEquals(
        List.of(
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
            "NATS_CONSUMER_GROUP"),
        worker.getEnv().stream().map(EnvVar::getName).toList());
    for (String key :
        List.of(
            "POSTGRES_HOST",
            "POSTGRES_PORT",
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD")) {
      assertSecretRef(worker, key, "my-postgres-secret", false);
    }
    assertSecretRef(worker, "DRAGONFLY_HOST", "my-dragonfly-secret", false);
    assertSecretRef(worker, "DRAGONFLY_PORT", "my-dragonfly-secret", false);
    assertSecretRef(worker, "DRAGONFLY_PASSWORD", "my-dragonfly-secret", true);
    assertSecretRef(worker, "OPENAI_API_KEY", "my-llm-keys", true);
    assertSecretRef(worker, "ANTHROPIC_API_KEY", "my-llm-keys", true);
    assertEquals("nats://nats.nats.svc:4222", valueOf(worker, "NATS_URL"));
    assertEquals("MY_SERVICE_STREAM", valueOf(worker, "NATS_STREAM_NAME"));
    assertEquals("my-service-workers", valueOf(worker, "NATS_CONSUMER_GROUP"));
  }

  @ParameterizedTest
  @CsvSource({
    "SMALL,250m,1000m,512Mi,2Gi",
    "MEDIUM,500m,2000m,1Gi,4Gi",
    "LARGE,1000m,4000m,2Gi,8Gi"
  })
  void eachSizeSetsAllFourResourceValues(
      ExecutorSize size, String cpuRequest, String cpuLimit, String memRequest, String memLimit) {
    example.getSpec().setSize(size);
    PodSpec pod = deployment(example, null).getSpec().getTemplate().getSpec();
    assertResources(pod.getContainers().get(0), cpuRequest, cpuLimit, memRequest, memLimit);
    assertResources(pod.getInitContainers().get(0), cpuRequest, cpuLimit, memRequest, memLimit);
  }

  @Test
  void omittedFieldsTakeTheDocumentedDefaults() {
    AgentExecutor minimal = new AgentExecutor();
    minimal.setMetadata(new ObjectMetaBuilder().withName("w").withNamespace("ns").build());
    minimal.getSpec().setImage("img:1");
    minimal.getSpec().setNatsStreamName("S");
    minimal.getSpec().setNatsConsumerGroup("c");

    Deployment deployment = deployment(minimal, null);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container worker = pod.getContainers().get(0);
    assertEquals(1, deployment.getSpec().getReplicas());
    assertResources(worker, "500m", "2000m", "1Gi", "4Gi");
    assertEquals("nats://nats.nats.svc:4222", valueOf(worker, "NATS_URL"));
    assertSecretRef(worker, "POSTGRES_HOST", "postgres-connection", false);
    assertSecretRef(worker, "DRAGONFLY_HOST", "dragonfly-connection", false);
    assertSecretRef(worker, "OPENAI_API_KEY", "llm-keys", true);
    assertTrue(pod.getImagePullSecrets().isEmpty());
  }

  @Test
  void natsCredentialsSecretIsMountedReadOnlyIntoTheWorkerOnly() {
    AgentExecutor executor = Examples.natsCredentialsExample();
    PodSpec pod = deployment(executor, null).getSpec().getTemplate().getSpec();

    List<Volume> credentialVolumes =
        pod.getVolumes().stream().filter(v -> !v.getName().equals("tmp")).toList();
    assertEquals(1, credentialVolumes.size());
    Volume volume = credentialVolumes.get(0);
    assertEquals("nats-credentials", volume.getName());
    assertEquals("my-service-nats", volume.getSecret().getSecretName());
    assertEquals(0440, volume.getSecret().getDefaultMode());
    assertNull(volume.getSecret().getOptional(), "the pod waits for the Secret");
    // 0440 files are readable through the group: the kubelet gives them the pod's fsGroup and
    // adds it to the container's groups, whatever user the image runs as.
    assertEquals(65532L, pod.getSecurityContext().getFsGroup());
    assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());

    Container worker = pod.getContainers().get(0);
    List<VolumeMount> credentialMounts = withoutTmp(worker.getVolumeMounts());
    assertEquals(1, credentialMounts.size());
    VolumeMount mount = credentialMounts.get(0);
    assertEquals("nats-credentials", mount.getName());
    assertEquals("/var/run/secrets/nats", mount.getMountPath());
    assertEquals(true, mount.getReadOnly());
    assertNull(mount.getSubPath(), "a subPath mount would never see a rotated Secret");
    assertEquals("/var/run/secrets/nats", valueOf(worker, "NATS_CREDENTIALS_DIR"));
    assertEquals("nats://nats.nats.svc:4222", valueOf(worker, "NATS_URL"));

    Container init = pod.getInitContainers().get(0);
    assertTrue(withoutTmp(init.getVolumeMounts()).isEmpty(), "migrations do not talk to NATS");
    assertTrue(init.getEnv().stream().noneMatch(e -> e.getName().startsWith("NATS_")));
  }

  @Test
  void withoutNatsCredentialsSecretNothingIsMounted() {
    PodSpec pod = deployment(example, null).getSpec().getTemplate().getSpec();
    assertEquals(List.of("tmp"), pod.getVolumes().stream().map(Volume::getName).toList());
    assertNull(pod.getSecurityContext().getFsGroup());
    Container worker = pod.getContainers().get(0);
    assertTrue(withoutTmp(worker.getVolumeMounts()).isEmpty());
    assertTrue(worker.getEnv().stream().noneMatch(e -> e.getName().equals("NATS_CREDENTIALS_DIR")));
  }

  @Test
  void natsCredentialsStayOutOfTheSecretDigest() {
    AgentExecutor executor = Examples.natsCredentialsExample();
    Map<String, Secret> secrets =
        Examples.secrets().stream()
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    String without = digest(executor.getSpec(), secrets);
    Secret nats = Examples.natsCredentialsSecret();
    secrets.put(nats.getMetadata().getName(), nats);
    assertEquals(without, digest(executor.getSpec(), secrets));
    nats.getStringData().put("nats.creds", "rotated");
    assertEquals(
        without,
        digest(executor.getSpec(), secrets),
        "the kubelet updates the mounted files; the pods need not roll");
  }

  @Test
  void replicasFollowMinReplicasUnlessKedaOwnsThem() {
    example.getSpec().setMinReplicas(3);
    assertEquals(3, deployment(example, null).getSpec().getReplicas());
    assertEquals(7, deployment(example, 7).getSpec().getReplicas());
  }

  @Test
  void extraEnvIsAppendedAfterTheManagedVariables() {
    example.getSpec().setEnv(List.of(new EnvVar("LOG_LEVEL", "debug", null)));
    List<EnvVar> env =
        deployment(example, null).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertEquals("LOG_LEVEL", env.get(env.size() - 1).getName());
    assertEquals("debug", env.get(env.size() - 1).getValue());
  }

  @Test
  void secretDigestChangesWithReferencedKeysOnly() {
    AgentExecutorSpec spec = example.getSpec();
    Map<String, Secret> secrets =
        Examples.secrets().stream()
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    String before = digest(spec, secrets);

    secrets.get("my-postgres-secret").getStringData().put("UNRELATED", "x");
    assertEquals(before, digest(spec, secrets));

    secrets.get("my-postgres-secret").getStringData().put("POSTGRES_PASSWORD", "rotated");
    assertNotEquals(before, digest(spec, secrets));
  }

  @Test
  void serviceOfTheConsumerExample() {
    Service service = new AgentExecutorServiceDependentResource().desired(example, null);
    assertEquals("my-service", service.getMetadata().getName());
    assertEquals("my-namespace", service.getMetadata().getNamespace());
    assertLabels(service.getMetadata().getLabels());
    assertEquals("ClusterIP", service.getSpec().getType());
    assertEquals(SELECTOR, service.getSpec().getSelector());
    assertEquals(1, service.getSpec().getPorts().size());
    ServicePort port = service.getSpec().getPorts().get(0);
    assertEquals("http", port.getName());
    assertEquals(8080, port.getPort());
    assertEquals(8080, port.getTargetPort().getIntVal());
    assertEquals("TCP", port.getProtocol());
  }

  @Test
  void serviceAccountOfTheConsumerExample() {
    ServiceAccount account =
        new AgentExecutorServiceAccountDependentResource().desired(example, null);
    assertEquals("my-service", account.getMetadata().getName());
    assertEquals("my-namespace", account.getMetadata().getNamespace());
    assertLabels(account.getMetadata().getLabels());
    assertEquals(false, account.getAutomountServiceAccountToken());
  }

  @Test
  void aWorkerInATenantsNamespaceServesThatTenantOnly() {
    Container worker =
        AgentExecutorDeploymentDependentResource.desired(
                example, inputs(example).withTenant("acme"), null)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertEquals("acme", env(worker, "EXECUTOR_TENANTS").getValue());
    Container outsideTenants =
        deployment(example, null).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertTrue(
        outsideTenants.getEnv().stream().noneMatch(e -> e.getName().equals("EXECUTOR_TENANTS")));
    assertTrue(
        WorkerPod.MANAGED_ENV_NAMES.contains("EXECUTOR_TENANTS"), "a tenant cannot widen it");
  }

  private static String digest(AgentExecutorSpec spec, Map<String, Secret> secrets) {
    return SecretCheck.of("my-namespace", spec, secrets).digest();
  }

  private static Deployment deployment(AgentExecutor executor, Integer kept) {
    return AgentExecutorDeploymentDependentResource.desired(executor, inputs(executor), kept);
  }

  /** The mounts besides the /tmp scratch space every container has. */
  private static List<VolumeMount> withoutTmp(List<VolumeMount> mounts) {
    return mounts.stream().filter(m -> !m.getMountPath().equals("/tmp")).toList();
  }

  static ReconcileInputs inputs(AgentExecutor executor) {
    return ReconcileInputs.withSecrets(
        SecretCheck.of("my-namespace", executor.getSpec(), Map.of()));
  }

  static void assertLabels(Map<String, String> labels) {
    assertEquals("agent-executor", labels.get("app.kubernetes.io/name"));
    assertEquals("my-service", labels.get("app.kubernetes.io/instance"));
    assertEquals("agentic-platform-controller", labels.get("app.kubernetes.io/managed-by"));
  }

  private static void assertRestricted(Container container) {
    assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    assertFalse(Boolean.TRUE.equals(container.getSecurityContext().getPrivileged()));
  }

  private static void assertProbe(Probe probe, String path, int initialDelay, int period) {
    assertEquals(path, probe.getHttpGet().getPath());
    assertEquals(8080, probe.getHttpGet().getPort().getIntVal());
    assertEquals(initialDelay, probe.getInitialDelaySeconds());
    assertEquals(period, probe.getPeriodSeconds());
  }

  private static void assertResources(
      Container container, String cpuRequest, String cpuLimit, String memRequest, String memLimit) {
    var resources = container.getResources();
    assertEquals(new Quantity(cpuRequest), resources.getRequests().get("cpu"));
    assertEquals(new Quantity(memRequest), resources.getRequests().get("memory"));
    assertEquals(new Quantity(cpuLimit), resources.getLimits().get("cpu"));
    assertEquals(new Quantity(memLimit), resources.getLimits().get("memory"));
  }

  private static String valueOf(Container container, String name) {
    EnvVar var = env(container, name);
    assertNull(var.getValueFrom(), name + " is a plain value");
    return var.getValue();
  }

  private static void assertSecretRef(
      Container container, String name, String secret, boolean optional) {
    var ref = env(container, name).getValueFrom().getSecretKeyRef();
    assertEquals(secret, ref.getName(), name);
    assertEquals(name, ref.getKey(), name);
    assertEquals(optional, Boolean.TRUE.equals(ref.getOptional()), name);
  }

  private static EnvVar env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> name.equals(e.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
  }
}
