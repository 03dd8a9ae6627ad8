package io.agentic.platform.controller.expose;

import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.operations.LeaderElection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The platform's auto-expose policy: HTTPRoutes for resources annotated {@code
 * platform.agentic.io/expose: "true"}. Runs on the replica that holds the Lease (on every start
 * where there is no leader election), beside the reconcilers: its sources are other projects'
 * kinds, watched as unstructured objects only while their CRDs are installed.
 *
 * <p>Metrics: {@code controller_expose_watched{kind}} (1 while a source kind is watched), {@code
 * controller_expose_gateway_api_installed}, {@code controller_expose_routes} (routes generated) and
 * {@code controller_expose_conflicts} (sources denied a path an older source holds).
 */
@Singleton
public class RouteGeneration {

  private static final Logger LOG = Logger.getLogger(RouteGeneration.class);

  /**
   * Handling a source is a cache read and at most a couple of API calls, which wait on the API
   * server: a few threads keep up with a burst (1,000 annotated sources, bench/controller).
   */
  private static final int THREADS = 4;

  private final KubernetesClient client;
  private final ControllerConfig.Expose config;
  private final MeterRegistry registry;
  private KeyedWorkQueue<SourceKey> queue;
  private ExposeWatches watches;
  private ExposedRouteReconciler reconciler;

  /** Removed at shutdown: a registry outliving this bean would keep reading closed informers. */
  private final List<Meter> meters = new ArrayList<>();

  RouteGeneration(KubernetesClient client, ControllerConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config.expose();
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    if (!LeaderElection.active()) {
      start();
    }
  }

  void onLeading(@Observes LeaderElection.Leading leading) {
    start();
  }

  synchronized void start() {
    if (!config.enabled()) {
      LOG.info("Route generation is disabled (controller.expose.enabled=false)");
      return;
    }
    if (watches != null) {
      return;
    }
    ExposedRoute.Gateway gateway =
        new ExposedRoute.Gateway(
            config.gatewayName(), config.gatewayNamespace(), config.gatewayListener().orElse(null));
    queue =
        new KeyedWorkQueue<>(
            "expose",
            THREADS,
            key -> reconciler.reconcile(key),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5));
    watches = new ExposeWatches(client, queue::add);
    reconciler = new ExposedRouteReconciler(client, watches, gateway, config.a2aPort());
    registerMetrics(watches, reconciler);
    watches.start();
  }

  private void registerMetrics(ExposeWatches watches, ExposedRouteReconciler reconciler) {
    for (SourceKind kind : SourceKind.values()) {
      meters.add(
          Gauge.builder("controller_expose_watched", watches, w -> w.watching(kind) ? 1 : 0)
              .description("Whether route generation watches a source kind (its CRD is installed)")
              .tag("kind", kind.kind())
              .register(registry));
    }
    meters.add(
        Gauge.builder(
                "controller_expose_gateway_api_installed",
                watches,
                w -> w.gatewayApiInstalled() ? 1 : 0)
            .description("Whether the Gateway API's HTTPRoute is installed, so routes can be made")
            .register(registry));
    meters.add(
        Gauge.builder("controller_expose_routes", watches, ExposeWatches::routeCount)
            .description("HTTPRoutes generated from expose annotations")
            .register(registry));
    meters.add(
        Gauge.builder("controller_expose_conflicts", reconciler, ExposedRouteReconciler::conflicts)
            .description(
                "Annotated sources without a route because an older source holds their path")
            .register(registry));
  }

  synchronized void stop(@Observes ShutdownEvent event) {
    if (watches != null) {
      watches.close();
      queue.close();
      meters.forEach(registry::remove);
      meters.clear();
      watches = null;
    }
  }
}
