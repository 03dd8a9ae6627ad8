package io.agentic.platform.controller.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.MemoryAccess;
import io.agentic.platform.controller.crd.v1alpha1.Migrations;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import io.agentic.platform.controller.crd.v1alpha1.TenantSpec;
import io.agentic.platform.controller.secrets.AgentProfilesCheck;
import io.agentic.platform.controller.secrets.SecretCheck;
import io.agentic.platform.controller.secrets.ValueDigests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker pod wired into the platform: traces, memory, profiles, scheduling, hardening. */
class WorkerWiringDesiredStateTest {

  private static final WorkerWiring WIRING =
      new WorkerWiring(
          Optional.of("http://agentic-otel-bridge.agentic-system.svc:4317"),
          Optional.of("http://agentic-memory-gateway.agentic-system.svc:8080"),
          new Scheduling(),
          Map.of());

  private final AgentExecutor example = Examples.consumerExample();

  @Test
  void everyContainerHasAReadOnlyRootFilesystemAndAWritableTmp() {
    PodSpec pod = pod(example, inputs(example));
    assertEquals(2, pod.getContainers().size() + pod.getInitContainers().size());
    for (Container c : concat(pod)) {
      assertEquals(true, c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
      assertTrue(
          c.getVolumeMounts().stream()
              .anyMatch(m -> m.getMountPath().equals("/tmp") && m.getName().equals("tmp")),
          c.getName());
    }
    var tmp =
        pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
    assertEquals("64Mi", tmp.getEmptyDir().getSizeLimit().toString());
  }

  @Test
  void migrationsCanBeTurnedOff() {
    Migrations off = new Migrations();
    off.setEnabled(false);
    example.getSpec().setMigrations(off);
    PodSpec pod = pod(example, inputs(example));
    assertTrue(pod.getInitContainers().isEmpty());
    assertEquals(1, pod.getContainers().size());
  }

  @Test
  void tracesGoToThePlatformAndSayWhereTheyComeFrom() {
    Container worker = worker(example, inputs(example).withTenant("acme").withWiring(WIRING));
    assertEquals(
        "http://agentic-otel-bridge.agentic-system.svc:4317",
        env(worker, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").getValue());
    assertEquals("my-service", env(worker, "QUARKUS_OTEL_SERVICE_NAME").getValue());
    assertEquals(
        "k8s.namespace.name=my-namespace,k8s.deployment.name=my-service,tenant.id=acme",
        env(worker, "QUARKUS_OTEL_RESOURCE_ATTRIBUTES").getValue());
    for (String name :
        List.of(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
            "QUARKUS_OTEL_SERVICE_NAME",
            "QUARKUS_OTEL_RESOURCE_ATTRIBUTES")) {
      assertTrue(
          WorkerPod.MANAGED_ENV_NAMES.contains(name), name + ": a tenant cannot pose as another");
    }
    Container unwired = worker(example, inputs(example));
    assertTrue(unwired.getEnv().stream().noneMatch(e -> e.getName().startsWith("QUARKUS_OTEL")));
  }

  @Test
  void memoryGetsThePlatformsGatewayAndTheTokenFromItsSecret() {
    MemoryAccess memory = new MemoryAccess();
    memory.setEnabled(true);
    memory.setTokenSecret("acme-memory-token");
    example.getSpec().setMemory(memory);
    Container worker = worker(example, inputs(example).withWiring(WIRING));
    assertEquals(
        "http://agentic-memory-gateway.agentic-system.svc:8080",
        env(worker, "MEMORY_GATEWAY_URL").getValue());
    var token = env(worker, "MEMORY_GATEWAY_TOKEN").getValueFrom().getSecretKeyRef();
    assertEquals("acme-memory-token", token.getName());
    assertEquals("token", token.getKey());
    assertTrue(WorkerPod.MANAGED_ENV_NAMES.contains("MEMORY_GATEWAY_URL"));
    assertTrue(WorkerPod.MANAGED_ENV_NAMES.contains("MEMORY_GATEWAY_TOKEN"));
    // Missing token Secret is reported like any other.
    SecretCheck check = SecretCheck.of("my-namespace", example.getSpec(), Map.of());
    assertTrue(
        check.problems().stream()
            .anyMatch(
                p ->
                    p.reason().equals("SecretMissing")
                        && p.message().contains("acme-memory-token")),
        check.problems().toString());

    memory.setEnabled(false);
    Container without = worker(example, inputs(example).withWiring(WIRING));
    assertTrue(without.getEnv().stream().noneMatch(e -> e.getName().startsWith("MEMORY_GATEWAY")));
  }

  @Test
  void agentProfilesAreMountedAndAChangeRollsThePods() {
    example.getSpec().setAgentProfilesConfigMap("acme-profiles");
    ConfigMap v1 = profiles("executor.agents.support.model=gpt-4o\n");
    ConfigMap v2 = profiles("executor.agents.support.model=gpt-4o-mini\n");
    PodTemplateSpec t1 = template(example, withProfiles(v1));
    PodTemplateSpec t2 = template(example, withProfiles(v2));

    Container worker = t1.getSpec().getContainers().get(0);
    assertEquals(
        "/etc/agentic/profiles/profiles.properties",
        env(worker, "SMALLRYE_CONFIG_LOCATIONS").getValue());
    var mount =
        worker.getVolumeMounts().stream()
            .filter(m -> m.getName().equals("agent-profiles"))
            .findFirst()
            .orElseThrow();
    assertEquals("/etc/agentic/profiles", mount.getMountPath());
    assertTrue(mount.getReadOnly());
    var volume =
        t1.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("agent-profiles"))
            .findFirst()
            .orElseThrow();
    assertEquals("acme-profiles", volume.getConfigMap().getName());
    String d1 = t1.getMetadata().getAnnotations().get(WorkerPod.PROFILES_DIGEST_ANNOTATION);
    String d2 = t2.getMetadata().getAnnotations().get(WorkerPod.PROFILES_DIGEST_ANNOTATION);
    assertNotEquals(d1, d2, "a changed profile rolls the pods");
    assertFalse(d1.contains("gpt-4o"), "the annotation carries a digest, not the content");
    assertEquals(
        d1,
        template(example, withProfiles(v1))
            .getMetadata()
            .getAnnotations()
            .get(WorkerPod.PROFILES_DIGEST_ANNOTATION),
        "the same content, the same digest: no roll without a change");
    assertFalse(
        template(example, withProfiles(ValueDigests.configMap(v2)))
            .getMetadata()
            .getAnnotations()
            .get(WorkerPod.PROFILES_DIGEST_ANNOTATION)
            .equals(
                template(example, withProfiles(ValueDigests.configMap(v1)))
                    .getMetadata()
                    .getAnnotations()
                    .get(WorkerPod.PROFILES_DIGEST_ANNOTATION)),
        "a change is seen through the controller's cache, which holds digests only");

    example.getSpec().setAgentProfilesConfigMap(null);
    assertNull(
        template(example, inputs(example))
            .getMetadata()
            .getAnnotations()
            .get(WorkerPod.PROFILES_DIGEST_ANNOTATION),
        "no ConfigMap, no annotation: existing pod templates stay as they are");
  }

  @Test
  void aMissingProfilesConfigMapOrKeyIsNamed() {
    example.getSpec().setAgentProfilesConfigMap("acme-profiles");
    var missing = AgentProfilesCheck.of("my-namespace", example.getSpec(), Optional.empty());
    assertEquals("ConfigMapMissing", missing.problems().get(0).reason());
    assertTrue(missing.problems().get(0).message().contains("acme-profiles"));
    var noKey =
        AgentProfilesCheck.of(
            "my-namespace",
            example.getSpec(),
            Optional.of(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("acme-profiles")
                    .endMetadata()
                    .addToData("other.properties", "x=1")
                    .build()));
    assertEquals("ConfigMapKeyMissing", noKey.problems().get(0).reason());
    assertTrue(noKey.problems().get(0).message().contains("profiles.properties"));
  }

  @Test
  void schedulingIsTheExecutorsOverTheTenantsOverThePlatformsFieldByField() {
    Toleration agents =
        new TolerationBuilder()
            .withKey("workload")
            .withValue("agents")
            .withEffect("NoSchedule")
            .build();
    Toleration gpu = new TolerationBuilder().withKey("gpu").withOperator("Exists").build();
    Scheduling platform =
        new Scheduling(Map.of("pool", "general"), List.of(agents), null, "agents-default");
    TenantSpec tenant = new TenantSpec();
    tenant.setNodeSelector(Map.of("pool", "acme"));
    Scheduling executor = new Scheduling(null, List.of(gpu), null, null);

    Scheduling effective = executor.over(tenant.scheduling().over(platform));
    PodSpec pod = pod(example, inputs(example).withScheduling(effective));
    assertEquals(Map.of("pool", "acme"), pod.getNodeSelector(), "the tenant's over the platform's");
    assertEquals(List.of(gpu), pod.getTolerations(), "the executor's over the others");
    assertEquals("agents-default", pod.getPriorityClassName(), "the platform's where none other");

    PodSpec unscheduled = pod(example, inputs(example));
    assertNull(unscheduled.getNodeSelector());
    assertTrue(unscheduled.getTolerations() == null || unscheduled.getTolerations().isEmpty());
  }

  @Test
  void theDefaultSchedulingAndMonitorLabelsAreReadFromJson() {
    WorkerWiring wiring =
        WorkerWiring.from(
            executors(
                "{\"nodeSelector\":{\"pool\":\"agents\"},\"tolerations\":[{\"key\":\"workload\","
                    + "\"value\":\"agents\",\"effect\":\"NoSchedule\"}],"
                    + "\"priorityClassName\":\"agents\"}",
                "{\"release\":\"prometheus\"}"));
    assertEquals(Map.of("pool", "agents"), wiring.defaultScheduling().getNodeSelector());
    assertEquals("agents", wiring.defaultScheduling().getTolerations().get(0).getValue());
    assertEquals(Map.of("release", "prometheus"), wiring.podMonitorLabels());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkerWiring.from(executors("{\"nodeSelector\":[1]}", null)));
    assertTrue(
        e.getMessage().startsWith("CONTROLLER_EXECUTORS_DEFAULT_SCHEDULING is not valid JSON"),
        e.getMessage());
  }

  @Test
  void theWiredExampleUsesEveryWiringField() {
    AgentExecutor wired = Examples.platformWiredExample();
    ConfigMap profiles =
        Examples.platformWiredDocuments().stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .findFirst()
            .orElseThrow();
    var spec = wired.getSpec();
    var check = AgentProfilesCheck.of("acme-agents", spec, Optional.of(profiles));
    assertEquals(List.of(), check.problems());
    Scheduling scheduling = spec.getScheduling().over(WIRING.defaultScheduling());
    PodTemplateSpec template =
        template(
            wired,
            WorkloadDesiredStateTest.inputs(wired)
                .withTenant("acme")
                .withProfiles(check)
                .withScheduling(scheduling)
                .withWiring(WIRING));
    Container worker = template.getSpec().getContainers().get(0);
    assertEquals(
        "support-agent-memory-token",
        env(worker, "MEMORY_GATEWAY_TOKEN").getValueFrom().getSecretKeyRef().getName());
    assertEquals(
        "http://agentic-memory-gateway.agentic-system.svc:8080",
        env(worker, "MEMORY_GATEWAY_URL").getValue());
    assertEquals(
        "/etc/agentic/profiles/profiles.properties",
        env(worker, "SMALLRYE_CONFIG_LOCATIONS").getValue());
    assertEquals("agents-standard", template.getSpec().getPriorityClassName());
    assertNotNull(template.getSpec().getAffinity().getPodAntiAffinity());
    assertEquals(1, template.getSpec().getInitContainers().size(), "migrations enabled");
  }

  private static ControllerConfig.Executors executors(String scheduling, String labels) {
    return new ControllerConfig.Executors() {
      @Override
      public Optional<String> otlpEndpoint() {
        return Optional.empty();
      }

      @Override
      public Optional<String> memoryGatewayUrl() {
        return Optional.empty();
      }

      @Override
      public Optional<String> defaultScheduling() {
        return Optional.ofNullable(scheduling);
      }

      @Override
      public Optional<String> podMonitorLabels() {
        return Optional.ofNullable(labels);
      }
    };
  }

  private ReconcileInputs withProfiles(ConfigMap configMap) {
    return inputs(example)
        .withProfiles(
            AgentProfilesCheck.of("my-namespace", example.getSpec(), Optional.of(configMap)));
  }

  private static ConfigMap profiles(String content) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("acme-profiles")
        .withNamespace("my-namespace")
        .endMetadata()
        .addToData("profiles.properties", content)
        .build();
  }

  private static ReconcileInputs inputs(AgentExecutor executor) {
    return WorkloadDesiredStateTest.inputs(executor);
  }

  private static PodTemplateSpec template(AgentExecutor executor, ReconcileInputs inputs) {
    return AgentExecutorDeploymentDependentResource.desired(executor, inputs, null)
        .getSpec()
        .getTemplate();
  }

  private static PodSpec pod(AgentExecutor executor, ReconcileInputs inputs) {
    return template(executor, inputs).getSpec();
  }

  private static Container worker(AgentExecutor executor, ReconcileInputs inputs) {
    return pod(executor, inputs).getContainers().get(0);
  }

  private static List<Container> concat(PodSpec pod) {
    var all = new java.util.ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  private static EnvVar env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not set"));
  }
}
