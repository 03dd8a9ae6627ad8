package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Takes namespaces for a tenant and gives them back. A namespace that exists is adopted only when
 * no other tenant holds it; one that does not exist is created and marked as created by the tenant,
 * so that only such a namespace is ever deleted with it.
 */
final class TenantNamespaces {

  private static final Logger LOG = Logger.getLogger(TenantNamespaces.class);

  private TenantNamespaces() {}

  /** What taking a namespace found. */
  sealed interface Claim {
    record Taken() implements Claim {}

    record HeldByOther(String tenant) implements Claim {}
  }

  static Claim claim(KubernetesClient client, Tenant tenant, String name) {
    String owner = tenant.getMetadata().getName();
    Namespace existing = client.namespaces().withName(name).get();
    if (existing == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(Map.of(TenantLabels.TENANT, "true", TenantLabels.TENANT_NAME, owner))
                  .withAnnotations(Map.of(TenantLabels.CREATED_BY, owner))
                  .endMetadata()
                  .build())
          .create();
      LOG.infof("tenant %s: created namespace %s", owner, name);
      return new Claim.Taken();
    }
    Map<String, String> labels = labels(existing);
    String holder = labels.get(TenantLabels.TENANT_NAME);
    if (holder != null && !holder.equals(owner)) {
      return new Claim.HeldByOther(holder);
    }
    if (holder == null || !"true".equals(labels.get(TenantLabels.TENANT))) {
      client
          .namespaces()
          .withName(name)
          .edit(
              ns -> {
                Map<String, String> edited = labels(ns);
                edited.put(TenantLabels.TENANT, "true");
                edited.put(TenantLabels.TENANT_NAME, owner);
                ns.getMetadata().setLabels(edited);
                return ns;
              });
      LOG.infof("tenant %s: adopted namespace %s", owner, name);
    }
    return new Claim.Taken();
  }

  /** The namespaces labelled as {@code tenant}'s now. */
  static List<String> held(KubernetesClient client, String tenant) {
    return client
        .namespaces()
        .withLabel(TenantLabels.TENANT_NAME, tenant)
        .list()
        .getItems()
        .stream()
        .map(ns -> ns.getMetadata().getName())
        .toList();
  }

  /**
   * Gives a namespace back: its tenant labels go, and it is deleted when the tenant created it and
   * {@code deleteCreated} says so.
   */
  static void release(KubernetesClient client, String tenant, String name, boolean deleteCreated) {
    Namespace existing = client.namespaces().withName(name).get();
    if (existing == null || !tenant.equals(labels(existing).get(TenantLabels.TENANT_NAME))) {
      return;
    }
    boolean created =
        existing.getMetadata().getAnnotations() != null
            && tenant.equals(existing.getMetadata().getAnnotations().get(TenantLabels.CREATED_BY));
    if (created && deleteCreated) {
      client.namespaces().withName(name).delete();
      LOG.infof("tenant %s: deleted namespace %s, which it had created", tenant, name);
      return;
    }
    client
        .namespaces()
        .withName(name)
        .edit(
            ns -> {
              Map<String, String> edited = labels(ns);
              edited.remove(TenantLabels.TENANT);
              edited.remove(TenantLabels.TENANT_NAME);
              ns.getMetadata().setLabels(edited);
              return ns;
            });
    LOG.infof("tenant %s: released namespace %s", tenant, name);
  }

  private static Map<String, String> labels(Namespace namespace) {
    return namespace.getMetadata().getLabels() == null
        ? new HashMap<>()
        : new HashMap<>(namespace.getMetadata().getLabels());
  }
}
