package io.agentic.platform.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a configured namespace list the controller reconciles there and nowhere else. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WatchedNamespacesTest.OneNamespace.class)
class WatchedNamespacesTest {

  public static class OneNamespace implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.operator-sdk.controllers.agentexecutor.namespaces", "watched");
    }
  }

  @Inject KubernetesClient client;

  private void createExampleIn(String namespace) {
    for (Secret secret : Examples.secrets()) {
      secret.getMetadata().setNamespace(namespace);
      client.resource(secret).create();
    }
    AgentExecutor executor = Examples.consumerExample();
    executor.getMetadata().setNamespace(namespace);
    client.resource(executor).create();
  }

  @Test
  void reconcilesOnlyTheConfiguredNamespaces() {
    String name = Examples.consumerExample().getMetadata().getName();
    // The unwatched one is created first, so by the time the watched one is done it was seen too.
    createExampleIn("unwatched");
    createExampleIn("watched");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.apps().deployments().inNamespace("watched").withName(name).get() != null
                    && client
                            .resources(AgentExecutor.class)
                            .inNamespace("watched")
                            .withName(name)
                            .get()
                            .getStatus()
                            .getObservedGeneration()
                        != null);

    assertNull(client.apps().deployments().inNamespace("unwatched").withName(name).get());
    assertNull(
        client
            .resources(AgentExecutor.class)
            .inNamespace("unwatched")
            .withName(name)
            .get()
            .getStatus()
            .getObservedGeneration());
    assertNull(client.serviceAccounts().inNamespace("unwatched").withName(name).get());
  }
}
