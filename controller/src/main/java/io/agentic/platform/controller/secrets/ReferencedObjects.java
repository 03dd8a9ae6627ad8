package io.agentic.platform.controller.secrets;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Informers for objects the tenants own and AgentExecutors name (Secrets, the agent-profiles
 * ConfigMap). Each object maps to the AgentExecutors that reference it through an index of the
 * primary cache, so a change to an unrelated object triggers nothing; and the cache keeps what
 * {@code prune} leaves of each object (digests, not values).
 */
public final class ReferencedObjects {

  private ReferencedObjects() {}

  /**
   * @param names the names of this kind an AgentExecutor's spec references, in its namespace
   * @param narrowed what else the informer asks the API server for (selectors), or nothing
   */
  public static <R extends HasMetadata> InformerEventSource<R, AgentExecutor> informer(
      EventSourceContext<AgentExecutor> context,
      Class<R> kind,
      String name,
      Function<AgentExecutorSpec, Collection<String>> names,
      UnaryOperator<R> prune,
      UnaryOperator<InformerEventSourceConfiguration.Builder<R>> narrowed) {
    String index = "referenced-" + name;
    context
        .getPrimaryCache()
        .addIndexer(
            index,
            executor ->
                names.apply(executor.getSpec()).stream()
                    .map(n -> key(executor.getMetadata().getNamespace(), n))
                    .toList());
    return new InformerEventSource<>(
        narrowed
            .apply(InformerEventSourceConfiguration.from(kind, AgentExecutor.class))
            .withName(name)
            .withNamespacesInheritedFromController()
            .withItemStore(new TransformingItemStore<>(prune))
            .withSecondaryToPrimaryMapper(
                object ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            index,
                            key(
                                object.getMetadata().getNamespace(),
                                object.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .<AgentExecutor>withPrimaryToSecondaryMapper(
                executor ->
                    names.apply(executor.getSpec()).stream()
                        .map(n -> new ResourceID(n, executor.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
