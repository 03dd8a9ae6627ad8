package io.agentic.platform.controller.expose;

import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The informers of route generation. Each source kind is watched only while its CRD is installed
 * (in its storage version, or another served one), and the generated HTTPRoutes only while the
 * Gateway API's HTTPRoute CRD is; the CRDs themselves are watched by name, so an API installed,
 * upgraded or removed later is followed without a restart. Every event becomes the key of the
 * source(s) it concerns: a source, the sources claiming the same path (one may inherit it), or the
 * source a route belongs to (a hand edit is put back).
 */
final class ExposeWatches implements AutoCloseable {

  static final String HTTPROUTE_CRD = "httproutes." + ExposedRoute.GATEWAY_API_GROUP;
  private static final String HTTPROUTE_VERSION = "v1";

  private static final Logger LOG = Logger.getLogger(ExposeWatches.class);

  /** How often every source is handled again, whatever happened (a safety net under events). */
  private static final Duration RESYNC = Duration.ofMinutes(10);

  private record Watched(String version, SharedIndexInformer<GenericKubernetesResource> informer) {}

  private final KubernetesClient client;
  private final Consumer<SourceKey> enqueue;
  private final List<SharedIndexInformer<CustomResourceDefinition>> crds = new ArrayList<>();
  private final Map<SourceKind, Watched> sources = new ConcurrentHashMap<>();
  private volatile SharedIndexInformer<HTTPRoute> routes;

  ExposeWatches(KubernetesClient client, Consumer<SourceKey> enqueue) {
    this.client = client;
    this.enqueue = enqueue;
  }

  void start() {
    for (SourceKind kind : SourceKind.values()) {
      crds.add(watchCrd(kind.crdName(), crd -> sourceCrdChanged(kind, crd)));
    }
    crds.add(watchCrd(HTTPROUTE_CRD, this::gatewayApiChanged));
  }

  /** The synced informer of a kind's sources, if the kind is installed and watched. */
  Optional<SharedIndexInformer<GenericKubernetesResource>> sources(SourceKind kind) {
    Watched watched = sources.get(kind);
    return watched != null && watched.informer().hasSynced()
        ? Optional.of(watched.informer())
        : Optional.empty();
  }

  boolean watching(SourceKind kind) {
    return sources.containsKey(kind);
  }

  boolean gatewayApiInstalled() {
    return routes != null;
  }

  /** The synced informer of generated routes, if the Gateway API is installed. */
  Optional<SharedIndexInformer<HTTPRoute>> routes() {
    SharedIndexInformer<HTTPRoute> informer = routes;
    return informer != null && informer.hasSynced() ? Optional.of(informer) : Optional.empty();
  }

  int routeCount() {
    SharedIndexInformer<HTTPRoute> informer = routes;
    return informer == null ? 0 : informer.getStore().list().size();
  }

  /**
   * Watches one CRD by name. Whatever the event, the handler is given the CRD as the cache holds it
   * when the handler runs (null when absent), so handlers that run late never act on stale state.
   */
  private SharedIndexInformer<CustomResourceDefinition> watchCrd(
      String name, Consumer<Supplier<CustomResourceDefinition>> changed) {
    SharedIndexInformer<CustomResourceDefinition> informer =
        client.apiextensions().v1().customResourceDefinitions().withName(name).runnableInformer(0);
    informer.itemStore(new TransformingItemStore<>(SlimSources::crd));
    Supplier<CustomResourceDefinition> current =
        () -> informer.getStore().list().stream().findFirst().orElse(null);
    informer.addEventHandler(onEveryChange(crd -> changed.accept(current)));
    // An API absent at start sends no event: it is told once the first list is in.
    informer.start().thenRun(() -> changed.accept(current));
    return informer;
  }

  private synchronized void sourceCrdChanged(
      SourceKind kind, Supplier<CustomResourceDefinition> current) {
    CustomResourceDefinition crd = current.get();
    String version = crd == null ? null : servedVersion(crd).orElse(null);
    Watched watched = sources.get(kind);
    if (watched != null && watched.version().equals(version)) {
      return;
    }
    if (watched != null) {
      sources.remove(kind);
      watched.informer().close();
      LOG.infof(
          "Route generation no longer watches %s (%s/%s): %s",
          kind.kind(),
          kind.group(),
          watched.version(),
          version == null ? "its CRD is gone or serves no version" : "now served as " + version);
    }
    if (version == null) {
      if (watched == null) {
        LOG.infof(
            "Route generation: %s (%s) is not installed; not watched", kind.kind(), kind.group());
      }
      return;
    }
    SharedIndexInformer<GenericKubernetesResource> informer =
        client
            .genericKubernetesResources(
                new ResourceDefinitionContext.Builder()
                    .withGroup(kind.group())
                    .withVersion(version)
                    .withKind(kind.kind())
                    .withPlural(kind.plural())
                    .withNamespaced(true)
                    .build())
            .inAnyNamespace()
            .runnableInformer(RESYNC.toMillis());
    informer.itemStore(new TransformingItemStore<>(SlimSources::source));
    informer.addIndexers(Map.of(PathClaims.INDEX, source -> PathClaims.claimed(kind, source)));
    informer.addEventHandler(sourceEvents(kind, informer));
    sources.put(kind, new Watched(version, informer));
    LOG.infof("Route generation watches %s (%s/%s)", kind.kind(), kind.group(), version);
    // Events delivered before the cache was complete found it unsynced; all are handled now.
    informer.start().thenRun(() -> enqueueAll(kind));
  }

  private ResourceEventHandler<GenericKubernetesResource> sourceEvents(
      SourceKind kind, SharedIndexInformer<GenericKubernetesResource> informer) {
    // A source and every source asking for the same path (before and after the change): when the
    // holder of a path changes or goes, the next in line takes it.
    return onEveryChange(
        source -> {
          enqueue.accept(SourceKey.of(kind, source));
          for (String path : PathClaims.claimed(kind, source)) {
            for (GenericKubernetesResource claimant :
                informer.getIndexer().byIndex(PathClaims.INDEX, path)) {
              enqueue.accept(SourceKey.of(kind, claimant));
            }
          }
        });
  }

  private synchronized void gatewayApiChanged(Supplier<CustomResourceDefinition> current) {
    CustomResourceDefinition crd = current.get();
    boolean served =
        crd != null
            && crd.getSpec().getVersions().stream()
                .anyMatch(
                    v ->
                        HTTPROUTE_VERSION.equals(v.getName())
                            && Boolean.TRUE.equals(v.getServed()));
    if (served == (routes != null)) {
      if (!served) {
        LOG.info("Route generation: the Gateway API (HTTPRoute v1) is not installed; no routes");
      }
      return;
    }
    if (!served) {
      routes.close();
      routes = null;
      LOG.info("Route generation: the Gateway API (HTTPRoute v1) is gone; no routes are generated");
      enqueueAllSources();
      return;
    }
    SharedIndexInformer<HTTPRoute> informer =
        client
            .resources(HTTPRoute.class)
            .inAnyNamespace()
            .withLabel(WorkloadLabels.MANAGED_BY, WorkloadLabels.CONTROLLER)
            .withLabel(ExposedRoute.SOURCE_KIND_LABEL)
            .runnableInformer(0);
    informer.addEventHandler(onEveryChange(route -> sourceOf(route).ifPresent(enqueue)));
    routes = informer;
    LOG.info("Route generation: the Gateway API (HTTPRoute v1) is installed");
    informer.start().thenRun(this::enqueueAllSources);
  }

  /** Hands every object an event concerns (both sides of an update) to {@code touched}. */
  private static <T> ResourceEventHandler<T> onEveryChange(Consumer<T> touched) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        touched.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        touched.accept(before);
        touched.accept(after);
      }

      @Override
      public void onDelete(T object, boolean unknownFinalState) {
        touched.accept(object);
      }
    };
  }

  /** The source a generated route was made for: its owner, or failing that its name. */
  private static Optional<SourceKey> sourceOf(HTTPRoute route) {
    String prefix = route.getMetadata().getLabels().get(ExposedRoute.SOURCE_KIND_LABEL);
    for (SourceKind kind : SourceKind.values()) {
      if (kind.routeNamePrefix().equals(prefix)) {
        String namespace = route.getMetadata().getNamespace();
        Optional<String> owner =
            route.getMetadata().getOwnerReferences().stream()
                .filter(o -> kind.kind().equals(o.getKind()))
                .map(OwnerReference::getName)
                .findFirst();
        String name = route.getMetadata().getName();
        return Optional.of(
            new SourceKey(
                kind,
                namespace,
                owner.orElse(
                    name.startsWith(prefix + "-") ? name.substring(prefix.length() + 1) : name)));
      }
    }
    return Optional.empty();
  }

  private void enqueueAllSources() {
    for (SourceKind kind : SourceKind.values()) {
      enqueueAll(kind);
    }
  }

  private void enqueueAll(SourceKind kind) {
    Watched watched = sources.get(kind);
    if (watched != null) {
      watched.informer().getStore().list().stream()
          .map(source -> SourceKey.of(kind, source))
          .forEach(enqueue);
    }
  }

  /** The storage version when it is served, else the first served one. */
  static Optional<String> servedVersion(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionVersion> served =
        crd.getSpec().getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getServed()))
            .toList();
    return served.stream()
        .filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .findFirst()
        .or(() -> served.stream().findFirst())
        .map(CustomResourceDefinitionVersion::getName);
  }

  @Override
  public synchronized void close() {
    crds.forEach(SharedIndexInformer::close);
    crds.clear();
    sources.values().forEach(w -> w.informer().close());
    sources.clear();
    if (routes != null) {
      routes.close();
      routes = null;
    }
  }
}
