package io.agentic.platform.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * KEDA and the Prometheus operator installed while the controller runs: AgentExecutors created
 * before get their ScaledObject and PodMonitor at their next reconciliation, those created after at
 * once. Their CRDs are cluster-wide, so these tests run against a mock API server of their own
 * (their own profile restarts the application with one) and never change what other tests see.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(ThirdPartyOperatorsTest.OwnCluster.class)
class ThirdPartyOperatorsTest extends AgentExecutorSteps {

  /**
   * Nothing overridden: a profile of its own gives the class an application and cluster of its own.
   */
  public static class OwnCluster implements QuarkusTestProfile {}

  @Test
  void withThePrometheusOperatorInstalledAPodMonitorScrapesTheWorkers() {
    String ns = "monitored";
    createWithSecrets(ns, "before-operator");
    awaitCondition(ns, "before-operator", "Monitoring", "False", "PrometheusOperatorNotInstalled");

    client.resource(ThirdPartyCrds.prometheusPodMonitor()).create();

    AgentExecutor created = client.resource(executor(ns, "with-operator")).create();
    GenericKubernetesResource monitor =
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    client
                        .genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor")
                        .inNamespace(ns)
                        .withName("with-operator")
                        .get(),
                m -> m != null);
    assertOwnedBy(created, monitor);
    awaitCondition(ns, "with-operator", "Monitoring", "True", "PodMonitor");
    // An AgentExecutor created before the operator gets its PodMonitor at its next reconciliation.
    editSpec(ns, "before-operator", edited -> edited.setLagThreshold(7));
    awaitCondition(ns, "before-operator", "Monitoring", "True", "PodMonitor");
  }

  @Test
  void withKedaInstalledAScaledObjectDrivesTheDeployment() {
    String ns = "keda";
    createWithSecrets(ns, "before-keda");
    awaitCondition(ns, "before-keda", "Autoscaling", "False", "KedaNotInstalled");

    client.resource(ThirdPartyCrds.kedaScaledObject()).create();

    AgentExecutor created = client.resource(executor(ns, "with-keda")).create();
    GenericKubernetesResource scaledObject =
        await()
            .atMost(TIMEOUT)
            .until(() -> scaledObject(ns, "with-keda"), Optional::isPresent)
            .get();
    assertOwnedBy(created, scaledObject);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>) scaledObject.getAdditionalProperties().get("spec");
    assertEquals(1, spec.get("minReplicaCount"));
    assertEquals(10, spec.get("maxReplicaCount"));
    @SuppressWarnings("unchecked")
    Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
    assertEquals("nats-jetstream", trigger.get("type"));
    assertEquals(
        Map.of(
            "natsServerMonitoringEndpoint", "nats.nats.svc:8222",
            "account", "$G",
            "stream", "MY_SERVICE_STREAM",
            "consumer", "my-service-workers",
            "lagThreshold", "5"),
        trigger.get("metadata"));
    awaitCondition(ns, "with-keda", "Autoscaling", "True", "KedaScaledObject");

    // KEDA (through its HPA) scales the Deployment; the controller keeps that count.
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("with-keda")
        .edit(
            d -> {
              d.getSpec().setReplicas(4);
              return d;
            });
    editSpec(
        ns,
        "with-keda",
        edited -> {
          edited.setLagThreshold(9);
        });
    awaitObservedGeneration(ns, "with-keda", 2L);
    assertEquals(4, get(Deployment.class, ns, "with-keda").getSpec().getReplicas());

    // An AgentExecutor created before KEDA gets its ScaledObject at its next reconciliation.
    editSpec(
        ns,
        "before-keda",
        edited -> {
          edited.setLagThreshold(7);
        });
    await().atMost(TIMEOUT).until(() -> scaledObject(ns, "before-keda").isPresent());
    awaitCondition(ns, "before-keda", "Autoscaling", "True", "KedaScaledObject");
  }
}
