package io.agentic.platform.controller;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the tests of the running controller do to the mock API server and check in it: create
 * AgentExecutors (with or without their Secrets), edit them as a user would, and wait for their
 * children and conditions.
 */
abstract class AgentExecutorSteps {

  static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Inject KubernetesClient client;

  void createWithSecrets(String namespace, String name) {
    secretsIn(namespace).forEach(s -> client.resource(s).create());
    client.resource(executor(namespace, name)).create();
  }

  static AgentExecutor executor(String namespace, String name) {
    AgentExecutor executor = Examples.consumerExample();
    executor.getMetadata().setNamespace(namespace);
    executor.getMetadata().setName(name);
    return executor;
  }

  static List<Secret> secretsIn(String namespace) {
    return Examples.secrets().stream()
        .map(
            s -> new SecretBuilder(s).editMetadata().withNamespace(namespace).endMetadata().build())
        .toList();
  }

  <T extends HasMetadata> T awaitChild(Class<T> type, String ns, String name) {
    return await().atMost(TIMEOUT).until(() -> get(type, ns, name), java.util.Objects::nonNull);
  }

  <T extends HasMetadata> T get(Class<T> type, String ns, String name) {
    return client.resources(type).inNamespace(ns).withName(name).get();
  }

  Optional<GenericKubernetesResource> scaledObject(String ns, String name) {
    if (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("scaledobjects.keda.sh")
            .get()
        == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        client
            .genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject")
            .inNamespace(ns)
            .withName(name)
            .get());
  }

  /**
   * Changes the spec as {@code kubectl edit} would: the edit is locked to the version it read, so
   * when the controller wrote the status in between, it is read again and re-applied.
   */
  void editSpec(String ns, String name, Consumer<AgentExecutorSpec> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .resources(AgentExecutor.class)
            .inNamespace(ns)
            .withName(name)
            .edit(
                ae -> {
                  change.accept(ae.getSpec());
                  return ae;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  List<Event> events(String ns) {
    return client.v1().events().inNamespace(ns).list().getItems();
  }

  AgentExecutor awaitCondition(String ns, String name, String type, String status, String reason) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> get(AgentExecutor.class, ns, name),
            ae ->
                ae != null
                    && ae.getStatus() != null
                    && ae.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                type.equals(c.getType())
                                    && status.equals(c.getStatus())
                                    && reason.equals(c.getReason())));
  }

  AgentExecutor awaitObservedGeneration(String ns, String name, long generation) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> get(AgentExecutor.class, ns, name),
            ae ->
                ae.getStatus() != null
                    && Long.valueOf(generation).equals(ae.getStatus().getObservedGeneration()));
  }

  static Condition condition(AgentExecutor ae, String type, String status, String reason) {
    Condition c =
        ae.getStatus().getConditions().stream()
            .filter(x -> type.equals(x.getType()))
            .findFirst()
            .orElseThrow();
    assertEquals(status, c.getStatus(), c.getMessage());
    assertEquals(reason, c.getReason(), c.getMessage());
    assertEquals(ae.getMetadata().getGeneration(), c.getObservedGeneration());
    assertNotNull(c.getLastTransitionTime());
    return c;
  }

  static void assertOwnedBy(AgentExecutor owner, HasMetadata child) {
    assertEquals(1, child.getMetadata().getOwnerReferences().size(), child.getKind());
    OwnerReference ref = child.getMetadata().getOwnerReferences().get(0);
    assertEquals("platform.bizmatters.io/v1alpha1", ref.getApiVersion());
    assertEquals("AgentExecutor", ref.getKind());
    assertEquals(owner.getMetadata().getName(), ref.getName());
    assertEquals(owner.getMetadata().getUid(), ref.getUid());
    assertEquals(Boolean.TRUE, ref.getController());
    assertNotEquals(null, ref.getUid());
  }
}
