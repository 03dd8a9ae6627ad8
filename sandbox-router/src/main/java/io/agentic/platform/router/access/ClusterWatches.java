package io.agentic.platform.router.access;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.routing.SandboxTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Starts the informers the configuration asks for. They start without waiting for their first list:
 * until it arrives (or while the API server is unreachable, which the informers retry on their own)
 * the router answers 503 and reports itself not ready, instead of failing to start.
 */
@ApplicationScoped
class ClusterWatches {

  private static final Logger LOG = Logger.getLogger(ClusterWatches.class);

  private final RouterConfig config;
  private final Instance<KubernetesClient> client;
  private final Map<String, String> environment;
  private final List<SharedIndexInformer<?>> started = new ArrayList<>();

  @Inject
  ClusterWatches(RouterConfig config, Instance<KubernetesClient> client) {
    this(config, client, System.getenv());
  }

  ClusterWatches(
      RouterConfig config, Instance<KubernetesClient> client, Map<String, String> environment) {
    this.config = config;
    this.client = client;
    this.environment = environment;
  }

  @Produces
  @Singleton
  SandboxVerification sandboxVerification() {
    if (!verifying()) {
      LOG.warn(
          "Sandbox verification is off: any Service named by X-Sandbox-ID in an allowed namespace"
              + " can be reached");
      return Unverified.INSTANCE;
    }
    List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    var sandboxes = client.get().genericKubernetesResources(InformedSandboxes.RESOURCE);
    if (config.namespaces().labelSelector().isPresent()) {
      // Labelled namespaces come and go, so sandboxes are watched cluster-wide.
      informers.add(start(sandboxes.inAnyNamespace().runnableInformer(0)));
    } else {
      for (String namespace : config.namespaces().allowed().orElse(Set.of())) {
        informers.add(start(sandboxes.inNamespace(namespace).runnableInformer(0)));
      }
    }
    return new InformedSandboxes(informers);
  }

  @Produces
  @Singleton
  LabelledNamespaces labelledNamespaces() {
    Optional<String> selector = config.namespaces().labelSelector();
    if (selector.isEmpty()) {
      return LabelledNamespaces.NONE;
    }
    SharedIndexInformer<Namespace> informer =
        start(client.get().namespaces().withLabelSelector(selector.get()).runnableInformer(0));
    return new LabelledNamespaces(informer);
  }

  boolean verifying() {
    return switch (config.sandboxes().verify()) {
      case ON -> true;
      case OFF -> false;
      // Every pod gets this variable from the kubelet; outside a cluster nothing sets it.
      case AUTO -> environment.containsKey("KUBERNETES_SERVICE_HOST");
    };
  }

  private <T> SharedIndexInformer<T> start(SharedIndexInformer<T> informer) {
    informer
        .start()
        .whenComplete(
            (synced, failure) -> {
              if (failure != null) {
                LOG.errorf(
                    "Watching the cluster failed (%s); sandboxes cannot be verified until it"
                        + " recovers",
                    failure.getMessage());
              }
            });
    started.add(informer);
    return informer;
  }

  void stop(@Observes ShutdownEvent event) {
    started.forEach(SharedIndexInformer::stop);
  }

  /** Verification switched off by configuration. */
  private enum Unverified implements SandboxVerification {
    INSTANCE;

    @Override
    public void check(SandboxTarget target) {}

    @Override
    public boolean ready() {
      return true;
    }
  }
}
