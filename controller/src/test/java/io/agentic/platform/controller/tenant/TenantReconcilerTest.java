package io.agentic.platform.controller.tenant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.crd.v1alpha1.TenantStatus.NamespaceState;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The running controller onboarding tenants against the fabric8 mock server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TenantReconcilerTest {

  /** The router key of the test profile (application.properties, %test). */
  private static final String TEST_ROUTER_KEY = "test-only-router-key-0123456789abcdef";

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Inject KubernetesClient client;

  @Test
  void aNewNamespaceIsCreatedLabelledAndSetUp() {
    String id = id();
    Tenant tenant = tenant("t-" + id, "ns-" + id);
    tenant.getSpec().setQuota(Map.of("pods", new Quantity("10")));
    client.resource(tenant).create();

    Namespace namespace =
        awaitNamespace("ns-" + id, ns -> labels(ns).containsKey(TenantLabels.TENANT_NAME));
    assertEquals("true", labels(namespace).get(TenantLabels.TENANT));
    assertEquals("t-" + id, labels(namespace).get(TenantLabels.TENANT_NAME));
    assertEquals("t-" + id, namespace.getMetadata().getAnnotations().get(TenantLabels.CREATED_BY));
    RoleBinding binding = awaitChild(RoleBinding.class, "ns-" + id, TenantRoleBinding.NAME);
    assertEquals("tenant-agent-developer", binding.getRoleRef().getName());
    assertEquals("dev-t-" + id, binding.getSubjects().get(0).getName());
    assertEquals(
        new Quantity("10"),
        awaitChild(ResourceQuota.class, "ns-" + id, TenantResourceQuota.NAME)
            .getSpec()
            .getHard()
            .get("pods"));
    awaitChild(NetworkPolicy.class, "ns-" + id, TenantNetworkPolicy.NAME);

    Tenant ready = awaitCondition("t-" + id, "Ready", "True");
    assertEquals(ready.getMetadata().getGeneration(), ready.getStatus().getObservedGeneration());
    assertEquals("Ready", ready.getStatus().getNamespaces().get(0).getState());
  }

  @Test
  void withSandboxAccessEachNamespaceGetsARouterTokenForItselfOnly() {
    String id = id();
    Tenant tenant = tenant("t-" + id, "ns-" + id);
    tenant.getSpec().setSandboxAccess(true);
    client.resource(tenant).create();

    Secret secret = awaitChild(Secret.class, "ns-" + id, TenantSandboxToken.NAME);
    String token =
        new String(
            Base64.getDecoder().decode(secret.getData().get(TenantSandboxToken.TOKEN_KEY)),
            StandardCharsets.UTF_8);
    ScopedToken claims =
        ScopedToken.verify(
            token,
            List.of(ScopedTokenKey.of("k1", TEST_ROUTER_KEY)),
            ScopedToken.DEFAULT_MAX_LIFETIME,
            Instant.now());
    assertTrue(claims.covers("any", "ns-" + id));
    awaitCondition("t-" + id, "Ready", "True");

    client
        .resources(Tenant.class)
        .withName("t-" + id)
        .edit(
            t -> {
              t.getSpec().setSandboxAccess(false);
              return t;
            });
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.secrets().inNamespace("ns-" + id).withName(TenantSandboxToken.NAME).get()
                    == null);
  }

  @Test
  void anExistingNamespaceOfNoTenantIsAdoptedNotMarkedAsCreated() {
    String id = id();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("ns-" + id)
                .addToLabels("team", "x")
                .endMetadata()
                .build())
        .create();
    client.resource(tenant("t-" + id, "ns-" + id)).create();

    Namespace namespace =
        awaitNamespace("ns-" + id, ns -> labels(ns).containsKey(TenantLabels.TENANT_NAME));
    assertEquals("x", labels(namespace).get("team"), "its own labels are kept");
    assertTrue(
        namespace.getMetadata().getAnnotations() == null
            || !namespace.getMetadata().getAnnotations().containsKey(TenantLabels.CREATED_BY));
    awaitCondition("t-" + id, "Ready", "True");
  }

  @Test
  void aNamespaceOfAnotherTenantIsNotTakenAndTheTenantSaysWhy() {
    String id = id();
    client.resource(tenant("first-" + id, "ns-" + id)).create();
    awaitCondition("first-" + id, "Ready", "True");

    client.resource(tenant("second-" + id, "ns-" + id)).create();
    Tenant second = awaitCondition("second-" + id, "Degraded", "True");
    Condition degraded = condition(second, "Degraded");
    assertEquals("NamespaceConflict", degraded.getReason());
    assertTrue(
        degraded.getMessage().contains("ns-" + id) && degraded.getMessage().contains("first-" + id),
        degraded.getMessage());
    NamespaceState state = second.getStatus().getNamespaces().get(0);
    assertEquals("Conflict", state.getState());
    assertEquals(
        "first-" + id,
        labels(client.namespaces().withName("ns-" + id).get()).get(TenantLabels.TENANT_NAME));
    assertEquals(
        "dev-first-" + id,
        client
            .rbac()
            .roleBindings()
            .inNamespace("ns-" + id)
            .withName(TenantRoleBinding.NAME)
            .get()
            .getSubjects()
            .get(0)
            .getName(),
        "the first tenant's developers stay the only ones bound");
  }

  @Test
  void aNamespaceRemovedFromTheSpecIsGivenBackAndACreatedOneDeletedWhenAsked() {
    String id = id();
    Tenant tenant = tenant("t-" + id, "keep-" + id, "adopted-" + id, "created-" + id);
    tenant.getSpec().setDeleteNamespaces(true);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("adopted-" + id)
                .endMetadata()
                .build())
        .create();
    client.resource(tenant).create();
    awaitCondition("t-" + id, "Ready", "True");
    awaitChild(RoleBinding.class, "adopted-" + id, TenantRoleBinding.NAME);

    client
        .resources(Tenant.class)
        .withName("t-" + id)
        .edit(
            t -> {
              t.getSpec().setNamespaces(List.of("keep-" + id));
              return t;
            });

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Namespace adopted = client.namespaces().withName("adopted-" + id).get();
              assertFalse(labels(adopted).containsKey(TenantLabels.TENANT_NAME), "labels removed");
              assertNull(
                  client
                      .rbac()
                      .roleBindings()
                      .inNamespace("adopted-" + id)
                      .withName(TenantRoleBinding.NAME)
                      .get());
              assertNull(
                  client
                      .network()
                      .v1()
                      .networkPolicies()
                      .inNamespace("adopted-" + id)
                      .withName(TenantNetworkPolicy.NAME)
                      .get());
              assertNull(
                  client.namespaces().withName("created-" + id).get(),
                  "the namespace it created is deleted");
            });
    assertEquals(
        "t-" + id,
        labels(client.namespaces().withName("keep-" + id).get()).get(TenantLabels.TENANT_NAME));
  }

  @Test
  void deletingTheTenantGivesItsNamespacesBack() {
    String id = id();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("ns-" + id).endMetadata().build())
        .create();
    client.resource(tenant("t-" + id, "ns-" + id)).create();
    awaitCondition("t-" + id, "Ready", "True");

    client.resources(Tenant.class).withName("t-" + id).delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertFalse(
                  labels(client.namespaces().withName("ns-" + id).get())
                      .containsKey(TenantLabels.TENANT_NAME));
              assertNull(
                  client
                      .rbac()
                      .roleBindings()
                      .inNamespace("ns-" + id)
                      .withName(TenantRoleBinding.NAME)
                      .get());
            });
    assertTrue(
        client.namespaces().withName("ns-" + id).get() != null,
        "an adopted namespace is never deleted");
  }

  private static String id() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static Tenant tenant(String name, String... namespaces) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tenant.getSpec().setNamespaces(new ArrayList<>(List.of(namespaces)));
    tenant
        .getSpec()
        .setDevelopers(
            List.of(
                new SubjectBuilder()
                    .withKind("User")
                    .withName("dev-" + name)
                    .withApiGroup("rbac.authorization.k8s.io")
                    .build()));
    return tenant;
  }

  private Namespace awaitNamespace(String name, java.util.function.Predicate<Namespace> condition) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.namespaces().withName(name).get(), ns -> ns != null && condition.test(ns));
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T awaitChild(
      Class<T> kind, String namespace, String name) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resources(kind).inNamespace(namespace).withName(name).get(),
            r -> r != null);
  }

  private Tenant awaitCondition(String name, String type, String status) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resources(Tenant.class).withName(name).get(),
            t ->
                t != null
                    && t.getStatus() != null
                    && condition(t, type) != null
                    && status.equals(condition(t, type).getStatus()));
  }

  private static Condition condition(Tenant tenant, String type) {
    return tenant.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static Map<String, String> labels(Namespace namespace) {
    return namespace.getMetadata().getLabels() == null
        ? Map.of()
        : namespace.getMetadata().getLabels();
  }
}
