package io.agentic.platform.controller.secrets;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelectorBuilder;
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
   * @param ignoredTypes values of the objects' {@code type} field the informer asks the API server
   *     to leave out (Secrets); empty for kinds without one
   */
  public static <R extends HasMetadata> InformerEventSource<R, AgentExecutor> informer(
      EventSourceContext<AgentExecutor> context,
      Class<R> kind,
      String name,
      Function<AgentExecutorSpec, Collection<String>> names,
      UnaryOperator<R> prune,
      Collection<String> ignoredTypes) {
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
        InformerEventSourceConfiguration.from(kind, AgentExecutor.class)
            .withName(name)
            .withNamespacesInheritedFromController()
            .withItemStore(new TransformingItemStore<>(prune))
            .withFieldSelector(withoutTypes(ignoredTypes))
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

  /** A field selector that excludes each of {@code types}; none when there are none. */
  static FieldSelector withoutTypes(Collection<String> types) {
    if (types.isEmpty()) {
      return null;
    }
    FieldSelectorBuilder selector = new FieldSelectorBuilder();
    types.forEach(type -> selector.withoutField("type", type));
    return selector.build();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
