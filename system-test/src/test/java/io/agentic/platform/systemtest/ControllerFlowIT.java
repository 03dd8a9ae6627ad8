package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flow 5: the packaged controller, against a mock Kubernetes API, turns the seed's consumer example
 * (kubernetes/examples/agentexecutor.yaml, applied unchanged) into a Deployment that runs the image
 * it names with the wiring the controller README documents.
 */
@ExtendWith(SuiteExtension.class)
class ControllerFlowIT {

  @Test
  void theConsumerExampleBecomesAWiredDeployment(LocalSuite suite) throws Exception {
    KubernetesClient kube = suite.cluster.client();
    kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("my-namespace").endMetadata().build())
        .createOr(existing -> existing.update());
    GenericKubernetesResource executor = null;
    for (String example : List.of("secrets.yaml", "agentexecutor.yaml")) {
      try (InputStream in =
          Files.newInputStream(suite.root.resolve("kubernetes/examples/" + example))) {
        for (HasMetadata resource : kube.load(in).items()) {
          kube.resource(resource).inNamespace("my-namespace").createOr(r -> r.update());
          if (resource instanceof GenericKubernetesResource generic) {
            executor = generic;
          }
        }
      }
    }
    assertEquals("AgentExecutor", executor.getKind());

    Deployment deployment = awaitDeployment(kube, Duration.ofSeconds(60));
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    Container worker = pod.getContainers().get(0);
    assertEquals(executor.get("spec", "image"), worker.getImage());
    assertEquals(8080, worker.getPorts().get(0).getContainerPort());
    assertEquals("/health", worker.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/ready", worker.getReadinessProbe().getHttpGet().getPath());
    Map<String, EnvVar> env =
        worker.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertEquals("nats://nats.nats.svc:4222", env.get("NATS_URL").getValue());
    assertEquals("MY_SERVICE_STREAM", env.get("NATS_STREAM_NAME").getValue());
    assertEquals("my-service-workers", env.get("NATS_CONSUMER_GROUP").getValue());
    assertEquals(
        "my-postgres-secret",
        env.get("POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName());
    assertEquals(
        "my-dragonfly-secret",
        env.get("DRAGONFLY_HOST").getValueFrom().getSecretKeyRef().getName());
    assertEquals(
        "my-llm-keys", env.get("OPENAI_API_KEY").getValueFrom().getSecretKeyRef().getName());
    // The chart's default wiring of executors reaches the worker: its traces go to the bridge.
    assertEquals(
        ChartEnvironment.of(suite.root, "controller").get("CONTROLLER_EXECUTORS_OTLP_ENDPOINT"),
        env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").getValue());
    assertEquals("my-service", env.get("QUARKUS_OTEL_SERVICE_NAME").getValue());

    Container migrations = pod.getInitContainers().get(0);
    assertEquals("run-migrations", migrations.getName());
    assertEquals(worker.getImage(), migrations.getImage());
    assertTrue(
        migrations.getEnv().stream()
            .anyMatch(e -> e.getName().equals("EXECUTOR_MODE") && "migrate".equals(e.getValue())));
    assertEquals("ghcr-pull-secret", pod.getImagePullSecrets().get(0).getName());
    assertEquals("my-service", deployment.getMetadata().getOwnerReferences().get(0).getName());
  }

  private static Deployment awaitDeployment(KubernetesClient kube, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Deployment d =
          kube.apps().deployments().inNamespace("my-namespace").withName("my-service").get();
      if (d != null) {
        return d;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the controller made no Deployment for my-service in " + timeout);
      }
      Thread.sleep(100);
    }
  }
}
