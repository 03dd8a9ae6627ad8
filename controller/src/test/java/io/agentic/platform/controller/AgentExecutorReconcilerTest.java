package io.agentic.platform.controller;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.ExecutorSize;
import io.agentic.platform.controller.crd.v1alpha1.MemoryAccess;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.crd.v1alpha1.TenantSpec;
import io.agentic.platform.controller.workload.WorkerPod;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The running controller against the fabric8 mock server in CRUD mode, without KEDA or the
 * Prometheus operator (installing them is {@link ThirdPartyOperatorsTest}). Each test uses
 * namespaces of its own and needs no other test to have run before it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class AgentExecutorReconcilerTest extends AgentExecutorSteps {

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @Test
  void consumerExampleAppliedVerbatimYieldsTheWorkload() {
    Examples.secrets().forEach(s -> client.resource(s).create());
    long start = System.nanoTime();
    AgentExecutor created = client.resource(Examples.consumerExample()).create();

    Deployment deployment = awaitChild(Deployment.class, "my-namespace", "my-service");
    ServiceAccount account = awaitChild(ServiceAccount.class, "my-namespace", "my-service");
    Service service = awaitChild(Service.class, "my-namespace", "my-service");
    AgentExecutor withStatus =
        awaitCondition("my-namespace", "my-service", "Autoscaling", "False", "KedaNotInstalled");
    System.out.printf(
        "create -> children and status written: %d ms%n", (System.nanoTime() - start) / 1_000_000);

    for (HasMetadata child : List.of(deployment, account, service)) {
      assertOwnedBy(created, child);
      assertEquals("my-service", child.getMetadata().getLabels().get("app.kubernetes.io/instance"));
      assertEquals(
          "agentic-platform-controller",
          child.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    }
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals("run-migrations", pod.getInitContainers().get(0).getName());
    assertEquals("ghcr.io/myorg/my-service:v1.0.0", pod.getContainers().get(0).getImage());
    assertEquals("ghcr-pull-secret", pod.getImagePullSecrets().get(0).getName());
    assertEquals(1, deployment.getSpec().getReplicas(), "no KEDA: minReplicas");
    assertEquals("ClusterIP", service.getSpec().getType());
    assertEquals(8080, service.getSpec().getPorts().get(0).getPort());
    assertTrue(
        scaledObject("my-namespace", "my-service").isEmpty(), "no ScaledObject without KEDA");

    assertEquals(1L, withStatus.getStatus().getObservedGeneration());
    assertEquals(1, withStatus.getStatus().getReplicas());
    condition(withStatus, "Degraded", "False", "AsExpected");
    condition(withStatus, "Ready", "False", "RollingOut");
    condition(withStatus, "Progressing", "True", "RollingOut");
  }

  @Test
  void availableDeploymentMakesItReady() {
    String ns = "ready";
    createWithSecrets(ns, "worker");
    rolledOut(ns, "worker");
    AgentExecutor ready = awaitCondition(ns, "worker", "Ready", "True", "Available");
    assertEquals(1, ready.getStatus().getReadyReplicas());
    assertEquals(1, ready.getStatus().getAvailableReplicas());
    condition(ready, "Progressing", "False", "RolloutComplete");
    await()
        .atMost(TIMEOUT)
        .until(() -> events(ns).stream().anyMatch(e -> "Available".equals(e.getReason())));
  }

  @Test
  void omittedFieldsTakeTheDefaults() {
    String ns = "defaults";
    // Send only what a user would write: the three required fields.
    client
        .resource(
            """
            apiVersion: platform.bizmatters.io/v1alpha1
            kind: AgentExecutor
            metadata:
              name: minimal
              namespace: defaults
            spec:
              image: registry.example/worker:1
              natsStreamName: JOBS
              natsConsumerGroup: jobs-workers
            """)
        .create();
    var container =
        awaitChild(Deployment.class, ns, "minimal")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertEquals(new Quantity("500m"), container.getResources().getRequests().get("cpu"));
    assertEquals(new Quantity("4Gi"), container.getResources().getLimits().get("memory"));
    assertEquals(
        "postgres-connection",
        container.getEnv().get(0).getValueFrom().getSecretKeyRef().getName());
    assertEquals(
        "nats://nats.nats.svc:4222",
        container.getEnv().stream()
            .filter(e -> e.getName().equals("NATS_URL"))
            .findFirst()
            .orElseThrow()
            .getValue());
    AgentExecutor status = awaitCondition(ns, "minimal", "Degraded", "True", "SecretMissing");
    assertTrue(
        condition(status, "Degraded", "True", "SecretMissing")
            .getMessage()
            .contains("Secret postgres-connection not found in namespace defaults"));
  }

  @Test
  void specChangesUpdateTheChildren() {
    String ns = "update";
    createWithSecrets(ns, "worker");
    awaitChild(Deployment.class, ns, "worker");
    editSpec(
        ns,
        "worker",
        spec -> {
          spec.setSize(ExecutorSize.LARGE);
          spec.setImage("ghcr.io/myorg/my-service:v2.0.0");
          spec.setMinReplicas(2);
        });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Deployment d = get(Deployment.class, ns, "worker");
              var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
              assertEquals("ghcr.io/myorg/my-service:v2.0.0", c.getImage());
              assertEquals(
                  "ghcr.io/myorg/my-service:v2.0.0",
                  d.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage());
              assertEquals(new Quantity("1000m"), c.getResources().getRequests().get("cpu"));
              assertEquals(new Quantity("8Gi"), c.getResources().getLimits().get("memory"));
              assertEquals(2, d.getSpec().getReplicas());
            });
    AgentExecutor updated = awaitObservedGeneration(ns, "worker", 2L);
    assertEquals(2, updated.getStatus().getReplicas());
  }

  @Test
  void manualEditsOfChildrenAreReverted() {
    String ns = "drift";
    createWithSecrets(ns, "worker");
    awaitChild(Deployment.class, ns, "worker");
    awaitChild(Service.class, ns, "worker");
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("worker")
        .edit(
            d -> {
              d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest");
              d.getSpec().setReplicas(7);
              return d;
            });
    client
        .services()
        .inNamespace(ns)
        .withName("worker")
        .edit(
            s -> {
              s.getSpec().getPorts().get(0).setPort(9999);
              return s;
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Deployment d = get(Deployment.class, ns, "worker");
              assertEquals(
                  "ghcr.io/myorg/my-service:v1.0.0",
                  d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
              assertEquals(1, d.getSpec().getReplicas());
              assertEquals(
                  8080, get(Service.class, ns, "worker").getSpec().getPorts().get(0).getPort());
            });
  }

  @Test
  void missingSecretIsReportedThenResolvedWhenCreated() {
    String ns = "late-secrets";
    client.resource(executor(ns, "worker")).create();
    AgentExecutor degraded = awaitCondition(ns, "worker", "Degraded", "True", "SecretMissing");
    String message = condition(degraded, "Degraded", "True", "SecretMissing").getMessage();
    assertTrue(
        message.contains("Secret my-postgres-secret not found in namespace late-secrets"), message);
    assertTrue(message.contains("Secret my-llm-keys not found"), message);
    await()
        .atMost(TIMEOUT)
        .until(() -> events(ns).stream().anyMatch(e -> "SecretMissing".equals(e.getReason())));
    String digestBefore = digest(awaitChild(Deployment.class, ns, "worker"));

    secretsIn(ns).forEach(s -> client.resource(s).create());
    awaitCondition(ns, "worker", "Degraded", "False", "AsExpected");
    await()
        .atMost(TIMEOUT)
        .until(() -> !digest(get(Deployment.class, ns, "worker")).equals(digestBefore));
  }

  @Test
  void changingAReferencedSecretRollsThePods() {
    String ns = "rotate";
    createWithSecrets(ns, "worker");
    String before = digest(awaitChild(Deployment.class, ns, "worker"));
    awaitCondition(ns, "worker", "Degraded", "False", "AsExpected");

    client
        .secrets()
        .inNamespace(ns)
        .withName("my-postgres-secret")
        .edit(
            s -> {
              s.getData().put("POSTGRES_PASSWORD", "cm90YXRlZA==");
              return s;
            });
    AtomicReference<String> after = new AtomicReference<>();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              after.set(digest(get(Deployment.class, ns, "worker")));
              return !after.get().equals(before);
            });

    // A key the worker does not read changes nothing.
    client
        .secrets()
        .inNamespace(ns)
        .withName("my-postgres-secret")
        .edit(
            s -> {
              s.getData().put("UNRELATED", "eA==");
              return s;
            });
    editSpec(
        ns,
        "worker",
        spec -> {
          spec.setLagThreshold(6);
        });
    awaitObservedGeneration(ns, "worker", 2L);
    assertEquals(after.get(), digest(get(Deployment.class, ns, "worker")));
  }

  @Test
  void invalidSpecIsReportedAndCreatesNothing() {
    String ns = "invalid";
    AgentExecutor invalid = executor(ns, "worker");
    invalid.getSpec().setMinReplicas(5);
    invalid.getSpec().setMaxReplicas(2);
    client.resource(invalid).create();
    AgentExecutor reported = awaitCondition(ns, "worker", "Degraded", "True", "InvalidSpec");
    assertEquals(
        "spec.minReplicas (5) must not exceed spec.maxReplicas (2)",
        condition(reported, "Ready", "False", "InvalidSpec").getMessage());
    assertNull(get(Deployment.class, ns, "worker"));
    assertNull(get(ServiceAccount.class, ns, "worker"));
  }

  @Test
  void invalidEditLeavesTheRunningWorkloadAlone() {
    String ns = "invalid-edit";
    createWithSecrets(ns, "worker");
    awaitChild(Deployment.class, ns, "worker");
    editSpec(
        ns,
        "worker",
        spec -> {
          spec.setImage("ghcr.io/myorg/my-service:v3");
          spec.setNatsMonitoringEndpoint("nats://nats.nats.svc:4222");
        });
    awaitCondition(ns, "worker", "Degraded", "True", "InvalidSpec");
    assertEquals(
        "ghcr.io/myorg/my-service:v1.0.0",
        get(Deployment.class, ns, "worker")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImage());
  }

  @Test
  void imagePullBackOffAndFailedMigrationsSurfaceInConditions() {
    String ns = "pods";
    createWithSecrets(ns, "worker");
    awaitChild(Deployment.class, ns, "worker");
    client.resource(workerPod(ns, "worker-1", "ImagePullBackOff", null)).create();
    AgentExecutor pulling = awaitCondition(ns, "worker", "Degraded", "True", "ImagePullFailed");
    String message = condition(pulling, "Degraded", "True", "ImagePullFailed").getMessage();
    assertTrue(
        message.contains("pod worker-1 cannot pull image ghcr.io/myorg/my-service:v1.0.0"),
        message);
    await()
        .atMost(TIMEOUT)
        .until(() -> events(ns).stream().anyMatch(e -> "ImagePullFailed".equals(e.getReason())));

    client.pods().inNamespace(ns).withName("worker-1").delete();
    client.resource(workerPod(ns, "worker-2", null, 3)).create();
    AgentExecutor migrating = awaitCondition(ns, "worker", "Degraded", "True", "MigrationFailed");
    assertTrue(
        condition(migrating, "Ready", "False", "MigrationFailed")
            .getMessage()
            .startsWith("init container run-migrations of pod worker-2 failed with exit code 3"));
  }

  @Test
  void missingNatsCredentialsSecretIsReportedThenMounted() {
    String ns = "nats-credentials";
    secretsIn(ns).forEach(s -> client.resource(s).create());
    AgentExecutor executor = Examples.natsCredentialsExample();
    executor.getMetadata().setNamespace(ns);
    client.resource(executor).create();
    String name = executor.getMetadata().getName();

    AgentExecutor degraded = awaitCondition(ns, name, "Degraded", "True", "SecretMissing");
    assertEquals(
        "Secret my-service-nats not found in namespace nats-credentials"
            + " (spec.natsCredentialsSecret: the worker's NATS credentials)",
        condition(degraded, "Degraded", "True", "SecretMissing").getMessage());
    var pod = awaitChild(Deployment.class, ns, name).getSpec().getTemplate().getSpec();
    assertEquals(
        "my-service-nats",
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals("nats-credentials"))
            .findFirst()
            .orElseThrow()
            .getSecret()
            .getSecretName());
    assertTrue(
        pod.getContainers().get(0).getVolumeMounts().stream()
            .anyMatch(m -> m.getMountPath().equals("/var/run/secrets/nats")));

    // Created later, the Secret is noticed without any change to the AgentExecutor.
    Secret credentials = Examples.natsCredentialsSecret();
    client
        .resource(
            new SecretBuilder(credentials).editMetadata().withNamespace(ns).endMetadata().build())
        .create();
    awaitCondition(ns, name, "Degraded", "False", "AsExpected");
  }

  @Test
  void agentProfilesConfigMapIsCheckedMountedAndRollsThePods() {
    String ns = "profiles";
    createWithSecrets(ns, "worker");
    awaitCondition(ns, "worker", "Degraded", "False", "AsExpected");
    editSpec(ns, "worker", spec -> spec.setAgentProfilesConfigMap("agent-profiles"));
    AgentExecutor missing = awaitCondition(ns, "worker", "Degraded", "True", "ConfigMapMissing");
    assertTrue(
        condition(missing, "Degraded", "True", "ConfigMapMissing")
            .getMessage()
            .contains("ConfigMap agent-profiles not found in namespace profiles"));

    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("agent-profiles")
                .withNamespace(ns)
                .endMetadata()
                .addToData("profiles.properties", "executor.agents.support.model=gpt-4o\n")
                .build())
        .create();
    awaitCondition(ns, "worker", "Degraded", "False", "AsExpected");
    String before =
        await()
            .atMost(TIMEOUT)
            .until(() -> profilesDigest(get(Deployment.class, ns, "worker")), d -> d != null);
    client
        .configMaps()
        .inNamespace(ns)
        .withName("agent-profiles")
        .edit(
            c -> {
              c.getData().put("profiles.properties", "executor.agents.support.model=gpt-4o-mini\n");
              return c;
            });
    await()
        .atMost(TIMEOUT)
        .until(() -> !before.equals(profilesDigest(get(Deployment.class, ns, "worker"))));
  }

  @Test
  void workersAreWiredIntoThePlatformAndHardened() {
    String ns = "wired";
    createWithSecrets(ns, "worker");
    var pod = awaitChild(Deployment.class, ns, "worker").getSpec().getTemplate().getSpec();
    var worker = pod.getContainers().get(0);
    // The test profile's platform: traces to its bridge, attributed to this executor.
    assertEquals(
        "http://otel-bridge.agentic-system.svc:4317",
        env(worker, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
    assertEquals("worker", env(worker, "QUARKUS_OTEL_SERVICE_NAME"));
    assertTrue(
        env(worker, "QUARKUS_OTEL_RESOURCE_ATTRIBUTES").contains("k8s.namespace.name=wired"));
    assertEquals(true, worker.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(1, pod.getInitContainers().size());

    // An image that runs no migrations. (Created so: the mock server's API cannot show a removal,
    // which needs the server-side apply that production uses and tests turn off.)
    AgentExecutor plain = executor(ns, "no-migrations");
    var migrations = new io.agentic.platform.controller.crd.v1alpha1.Migrations();
    migrations.setEnabled(false);
    plain.getSpec().setMigrations(migrations);
    client.resource(plain).create();
    assertTrue(
        awaitChild(Deployment.class, ns, "no-migrations")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getInitContainers()
            .isEmpty());
  }

  private static String env(io.fabric8.kubernetes.api.model.Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not set"))
        .getValue();
  }

  @Test
  void memoryWithoutThePlatformsGatewayIsReported() {
    String ns = "memory";
    secretsIn(ns).forEach(secret -> client.resource(secret).create());
    AgentExecutor executor = executor(ns, "worker");
    MemoryAccess memory = new MemoryAccess();
    memory.setEnabled(true);
    memory.setTokenSecret("memory-token");
    executor.getSpec().setMemory(memory);
    client.resource(executor).create();
    AgentExecutor reported = awaitCondition(ns, "worker", "Degraded", "True", "SecretMissing");
    assertTrue(
        condition(reported, "Degraded", "True", "SecretMissing")
            .getMessage()
            .contains("memory-token"));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("memory-token")
                .withNamespace(ns)
                .endMetadata()
                .addToData("token", "ZXlKLi4u")
                .build())
        .create();
    AgentExecutor noGateway =
        awaitCondition(ns, "worker", "Degraded", "True", "MemoryGatewayNotConfigured");
    assertTrue(
        condition(noGateway, "Degraded", "True", "MemoryGatewayNotConfigured")
            .getMessage()
            .contains("spec.memory.enabled"));
  }

  @Test
  void anExecutorFollowsItsTenantWithoutBeingTouched() {
    String ns = "scheduled-agents";
    // The AgentExecutor exists before its namespace becomes a tenant's.
    createWithSecrets(ns, "worker");
    awaitChild(Deployment.class, ns, "worker");

    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("scheduled").build());
    TenantSpec spec = new TenantSpec();
    spec.setNamespaces(List.of(ns));
    spec.setNodeSelector(Map.of("node-role", "agents"));
    spec.setTolerations(
        List.of(
            new TolerationBuilder()
                .withKey("workload")
                .withValue("agents")
                .withEffect("NoSchedule")
                .build()));
    tenant.setSpec(spec);
    client.resource(tenant).create();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var pod = get(Deployment.class, ns, "worker").getSpec().getTemplate().getSpec();
              return Map.of("node-role", "agents").equals(pod.getNodeSelector())
                  && pod.getContainers().get(0).getEnv().stream()
                      .anyMatch(
                          e ->
                              e.getName().equals("EXECUTOR_TENANTS")
                                  && "scheduled".equals(e.getValue()));
            });
    var pod = get(Deployment.class, ns, "worker").getSpec().getTemplate().getSpec();
    assertEquals("agents", pod.getTolerations().get(0).getValue());

    // A change to the Tenant reaches its executors.
    client
        .resources(Tenant.class)
        .withName("scheduled")
        .edit(
            t -> {
              t.getSpec().setNodeSelector(Map.of("node-role", "agents-v2"));
              return t;
            });
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                Map.of("node-role", "agents-v2")
                    .equals(
                        get(Deployment.class, ns, "worker")
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getNodeSelector()));

    // The AgentExecutor's own scheduling wins, field by field.
    editSpec(
        ns,
        "worker",
        s -> s.setScheduling(new Scheduling(Map.of("node-role", "gpu"), null, null, null)));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                Map.of("node-role", "gpu")
                    .equals(
                        get(Deployment.class, ns, "worker")
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getNodeSelector()));
    assertEquals(
        "agents",
        get(Deployment.class, ns, "worker")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getTolerations()
            .get(0)
            .getValue(),
        "the tenant's tolerations stay where the AgentExecutor sets none");
  }

  @Test
  void reconciliationsAreMeasuredByOutcome() {
    Map<String, Double> before = reconciliationsByOutcome();
    createWithSecrets("measured-rolling-out", "worker");
    createWithSecrets("measured-available", "worker");
    rolledOut("measured-available", "worker");
    AgentExecutor invalid = executor("measured-invalid", "worker");
    invalid.getSpec().setMinReplicas(5);
    invalid.getSpec().setMaxReplicas(2);
    client.resource(invalid).create();
    client.resource(executor("measured-without-secrets", "worker")).create();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Map<String, Double> after = reconciliationsByOutcome();
              for (String outcome : List.of("ready", "progressing", "degraded", "invalid")) {
                assertTrue(
                    after.getOrDefault(outcome, 0.0) > before.getOrDefault(outcome, 0.0),
                    outcome + ": " + before + " -> " + after);
              }
            });
    String body = given().get(metrics).then().statusCode(200).extract().asString();
    assertTrue(body.contains("operator_sdk_"), "the operator SDK's own metrics are exported");
  }

  /**
   * {@code controller_reconcile_seconds_count} summed by outcome, as the metrics endpoint has it.
   */
  private Map<String, Double> reconciliationsByOutcome() {
    String body = given().get(metrics).then().statusCode(200).extract().asString();
    Pattern line =
        Pattern.compile(
            "^controller_reconcile_seconds_count\\{[^}]*outcome=\"(\\w+)\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    Map<String, Double> counts = new HashMap<>();
    var matcher = line.matcher(body);
    while (matcher.find()) {
      counts.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
    }
    return counts;
  }

  /** The Deployment's status as the Deployment controller writes it once its pod is available. */
  private void rolledOut(String ns, String name) {
    awaitChild(Deployment.class, ns, name);
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(name)
        .editStatus(
            d -> {
              d.setStatus(
                  new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                      .withObservedGeneration(d.getMetadata().getGeneration())
                      .withReplicas(1)
                      .withUpdatedReplicas(1)
                      .withReadyReplicas(1)
                      .withAvailableReplicas(1)
                      .build());
              return d;
            });
  }

  private static Pod workerPod(String ns, String name, String waitingReason, Integer initExit) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(
                Map.of(
                    "app.kubernetes.io/name", "agent-executor",
                    "app.kubernetes.io/instance", "worker",
                    "app.kubernetes.io/managed-by", "agentic-platform-controller"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("agent-executor")
            .withImage("ghcr.io/myorg/my-service:v1.0.0")
            .endContainer()
            .endSpec();
    var status = pod.withNewStatus().withPhase("Pending");
    if (waitingReason != null) {
      status
          .addNewContainerStatus()
          .withName("agent-executor")
          .withImage("ghcr.io/myorg/my-service:v1.0.0")
          .withNewState()
          .withNewWaiting()
          .withReason(waitingReason)
          .withMessage("Back-off pulling image \"ghcr.io/myorg/my-service:v1.0.0\"")
          .endWaiting()
          .endState()
          .endContainerStatus();
    }
    if (initExit != null) {
      status
          .addNewInitContainerStatus()
          .withName("run-migrations")
          .withImage("ghcr.io/myorg/my-service:v1.0.0")
          .withNewState()
          .withNewTerminated()
          .withExitCode(initExit)
          .withReason("Error")
          .endTerminated()
          .endState()
          .endInitContainerStatus();
    }
    return status.endStatus().build();
  }

  private static String digest(Deployment deployment) {
    return deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(WorkerPod.SECRETS_DIGEST_ANNOTATION);
  }

  private static String profilesDigest(Deployment deployment) {
    return deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(WorkerPod.PROFILES_DIGEST_ANNOTATION);
  }
}
