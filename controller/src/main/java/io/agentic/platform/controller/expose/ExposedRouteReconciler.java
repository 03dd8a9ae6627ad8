package io.agentic.platform.controller.expose;

import io.agentic.platform.controller.status.EventRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings one source's route to what the source asks for: made, changed back after a hand edit,
 * removed when the annotation goes, withheld (with a Warning Event) when an older source holds the
 * path or the Gateway API is missing. Events are recorded once per state, not once per pass.
 */
final class ExposedRouteReconciler {

  static final String EXPOSED = "Exposed";
  static final String UNEXPOSED = "Unexposed";
  static final String PATH_TAKEN = "ExposePathTaken";
  static final String ROUTE_NAME_TAKEN = "ExposeRouteNameTaken";
  static final String GATEWAY_API_NOT_INSTALLED = "GatewayAPINotInstalled";

  private final KubernetesClient client;
  private final ExposeWatches watches;
  private final ExposedRoute.Gateway gateway;
  private final int a2aPort;

  /** The last Event recorded per source (uid, reason and message), so each is told once. */
  private final Map<SourceKey, String> told = new ConcurrentHashMap<>();

  /** Sources that ask for a path an older source holds. */
  private final Set<SourceKey> conflicts = ConcurrentHashMap.newKeySet();

  ExposedRouteReconciler(
      KubernetesClient client, ExposeWatches watches, ExposedRoute.Gateway gateway, int a2aPort) {
    this.client = client;
    this.watches = watches;
    this.gateway = gateway;
    this.a2aPort = a2aPort;
  }

  int conflicts() {
    return conflicts.size();
  }

  void reconcile(SourceKey key) {
    // Not watched (its CRD is gone: its routes go with the sources) or not synced yet (every
    // source is queued again once it is).
    Optional<SharedIndexInformer<GenericKubernetesResource>> sources = watches.sources(key.kind());
    if (sources.isEmpty()) {
      return;
    }
    GenericKubernetesResource source = sources.get().getStore().getByKey(key.storeKey());
    ExposeRequest request =
        source == null
            ? new ExposeRequest.NotAsked()
            : ExposeRequest.read(key.kind(), source, a2aPort);
    if (source == null) {
      told.remove(key);
      conflicts.remove(key);
    }
    if (!watches.gatewayApiInstalled()) {
      if (request instanceof ExposeRequest.Wanted wanted) {
        tell(
            key,
            source,
            "Warning",
            GATEWAY_API_NOT_INSTALLED,
            "no route for "
                + wanted.path()
                + ": the Gateway API's HTTPRoute (gateway.networking.k8s.io/v1) is not installed");
      }
      return;
    }
    Optional<SharedIndexInformer<HTTPRoute>> routes = watches.routes();
    if (routes.isEmpty()) {
      return;
    }
    String routeName = ExposedRoute.name(key.kind(), key.name());
    HTTPRoute existing = routes.get().getStore().getByKey(key.namespace() + "/" + routeName);
    if (request instanceof ExposeRequest.Wanted wanted) {
      GenericKubernetesResource holder =
          PathClaims.holder(sources.get().getIndexer().byIndex(PathClaims.INDEX, wanted.path()))
              .orElse(source);
      if (Objects.equals(holder.getMetadata().getUid(), source.getMetadata().getUid())) {
        conflicts.remove(key);
        apply(key, source, ExposedRoute.desired(key.kind(), source, wanted, gateway), existing);
      } else {
        conflicts.add(key);
        deleteIfPresent(existing);
        tell(
            key,
            source,
            "Warning",
            PATH_TAKEN,
            wanted.path()
                + " is already routed to "
                + key.kind().kind()
                + " "
                + holder.getMetadata().getNamespace()
                + "/"
                + holder.getMetadata().getName()
                + ", which is older; this one gets no route while that one asks for the path");
      }
      return;
    }
    conflicts.remove(key);
    deleteIfPresent(existing);
    if (request instanceof ExposeRequest.Refused refused) {
      tell(key, source, "Warning", refused.reason(), refused.message());
    } else if (existing != null && source != null) {
      tell(key, source, "Normal", UNEXPOSED, "route " + routeName + " removed");
    }
  }

  private void apply(
      SourceKey key, GenericKubernetesResource source, HTTPRoute desired, HTTPRoute existing) {
    HTTPRoute current = existing;
    if (current == null) {
      try {
        client.resource(desired).create();
        tellExposed(key, source, desired);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        // Made a moment ago and not in the cache yet, or another object holds the name.
        current = client.resources(HTTPRoute.class).resource(desired).get();
        if (current == null || !ExposedRoute.isGeneratedFor(current, source)) {
          tell(
              key,
              source,
              "Warning",
              ROUTE_NAME_TAKEN,
              "an HTTPRoute named "
                  + desired.getMetadata().getName()
                  + " exists and was not generated by the platform; it is left alone");
          return;
        }
      }
    }
    if (!ExposedRoute.matches(current, desired)) {
      // The route as it is, with the generated parts put back: labels or annotations others
      // added stay; the resource version makes a concurrent change fail and be retried.
      client
          .resource(
              new HTTPRouteBuilder(current)
                  .editMetadata()
                  .addToLabels(desired.getMetadata().getLabels())
                  .withOwnerReferences(desired.getMetadata().getOwnerReferences())
                  .endMetadata()
                  .withSpec(desired.getSpec())
                  .build())
          .update();
    }
    tellExposed(key, source, desired);
  }

  private void tellExposed(SourceKey key, GenericKubernetesResource source, HTTPRoute route) {
    tell(
        key,
        source,
        "Normal",
        EXPOSED,
        "route "
            + route.getMetadata().getName()
            + " serves "
            + ExposedRoute.path(route)
            + " on Gateway "
            + gateway.namespace()
            + "/"
            + gateway.name()
            + (gateway.listener() == null ? "" : " (listener " + gateway.listener() + ")"));
  }

  private void deleteIfPresent(HTTPRoute route) {
    if (route != null) {
      delete(route);
    }
  }

  private void delete(HTTPRoute route) {
    client
        .resources(HTTPRoute.class)
        .inNamespace(route.getMetadata().getNamespace())
        .withName(route.getMetadata().getName())
        .delete();
  }

  private void tell(
      SourceKey key, GenericKubernetesResource source, String type, String reason, String message) {
    String said = source.getMetadata().getUid() + "|" + reason + "|" + message;
    if (!said.equals(told.put(key, said))) {
      EventRecorder.publish(client, source, type, reason, message);
    }
  }
}
