package io.agentic.platform.controller;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.secrets.AgentProfilesCheck;
import io.agentic.platform.controller.secrets.ReferencedObjects;
import io.agentic.platform.controller.secrets.SecretReferences;
import io.agentic.platform.controller.secrets.ValueDigests;
import io.agentic.platform.controller.secrets.WatchedSecrets;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What an AgentExecutor's reconciliation hears of besides its own changes and its children: the
 * Secrets and profiles ConfigMap it names, the Tenant holding its namespace, and its worker pods.
 */
final class AgentExecutorEventSources {

  /** The informers' built-in index of objects by namespace. */
  private static final String NAMESPACE_INDEX = Cache.NAMESPACE_INDEX;

  private AgentExecutorEventSources() {}

  static List<EventSource<?, AgentExecutor>> of(
      EventSourceContext<AgentExecutor> context, ControllerConfig.Secrets secretsConfig) {
    // Secrets and the profiles ConfigMap are the tenant's, not ours: only the AgentExecutors that
    // name one hear of its changes, and the cache keeps digests of their values. Secrets no
    // AgentExecutor can name (tokens, registry credentials, Helm releases) never reach it.
    InformerEventSource<Secret, AgentExecutor> secrets =
        ReferencedObjects.informer(
            context,
            Secret.class,
            "secrets",
            SecretReferences::secretNames,
            ValueDigests::secret,
            WatchedSecrets.narrowing(secretsConfig));
    InformerEventSource<ConfigMap, AgentExecutor> configMaps =
        ReferencedObjects.informer(
            context,
            ConfigMap.class,
            "configmaps",
            spec -> AgentProfilesCheck.reference(spec).stream().toList(),
            ValueDigests::configMap,
            UnaryOperator.identity());

    // A Tenant's change (its scheduling, a namespace it takes or gives up) reaches the
    // AgentExecutors in its namespaces: they pick up the tenant filter and scheduling at once.
    // The mapper looks into the source's own cache, which exists once the source is built.
    AtomicReference<InformerEventSource<Tenant, AgentExecutor>> tenantCache =
        new AtomicReference<>();
    InformerEventSource<Tenant, AgentExecutor> tenants =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Tenant.class, AgentExecutor.class)
                .withName("tenants")
                .withSecondaryToPrimaryMapper(
                    tenant ->
                        tenant.getSpec().getNamespaces().stream()
                            .flatMap(
                                ns ->
                                    context.getPrimaryCache().byIndex(NAMESPACE_INDEX, ns).stream())
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .<AgentExecutor>withPrimaryToSecondaryMapper(
                    executor ->
                        tenantCache
                            .get()
                            .list(
                                t ->
                                    t.getSpec()
                                        .getNamespaces()
                                        .contains(executor.getMetadata().getNamespace()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    tenantCache.set(tenants);

    // Worker pods are owned by ReplicaSets; the instance label leads back to the AgentExecutor.
    InformerEventSource<Pod, AgentExecutor> pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, AgentExecutor.class)
                .withName("pods")
                .withNamespacesInheritedFromController()
                .withLabelSelector(WorkloadLabels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    pod -> {
                      Map<String, String> labels = pod.getMetadata().getLabels();
                      String instance = labels == null ? null : labels.get(WorkloadLabels.INSTANCE);
                      return instance == null
                          ? Set.of()
                          : Set.of(new ResourceID(instance, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context);
    return List.of(secrets, configMaps, tenants, pods);
  }
}
