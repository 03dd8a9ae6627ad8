package io.agentic.platform.controller.status;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorStatus;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Publishes condition changes as Events on the AgentExecutor, so {@code kubectl describe} and
 * event-based alerting show them in the tenant's own namespace. Only transitions are recorded, not
 * every reconciliation.
 */
public final class EventRecorder {

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);

  private EventRecorder() {}

  public static void recordTransitions(
      KubernetesClient client,
      AgentExecutor executor,
      AgentExecutorStatus before,
      AgentExecutorStatus after) {
    Optional<Condition> degraded = find(after, StatusAggregator.DEGRADED);
    Optional<Condition> wasDegraded = find(before, StatusAggregator.DEGRADED);
    if (degraded.filter(c -> "True".equals(c.getStatus())).isPresent()
        && !sameOutcome(degraded, wasDegraded)) {
      publish(client, executor, "Warning", degraded.get());
      return;
    }
    Optional<Condition> ready = find(after, StatusAggregator.READY);
    Optional<Condition> wasReady = find(before, StatusAggregator.READY);
    if (ready.filter(c -> "True".equals(c.getStatus())).isPresent()
        && wasReady.filter(c -> "True".equals(c.getStatus())).isEmpty()) {
      publish(client, executor, "Normal", ready.get());
    }
  }

  private static boolean sameOutcome(Optional<Condition> a, Optional<Condition> b) {
    return a.isPresent()
        && b.isPresent()
        && a.get().getStatus().equals(b.get().getStatus())
        && a.get().getReason().equals(b.get().getReason())
        && a.get().getMessage().equals(b.get().getMessage());
  }

  private static void publish(
      KubernetesClient client, AgentExecutor executor, String type, Condition condition) {
    publish(client, executor, type, condition.getReason(), condition.getMessage());
  }

  /**
   * An Event on {@code object}: in its namespace, or in {@code default} for a cluster-scoped one. A
   * failure is logged, not thrown: an Event is a courtesy, the status carries the information.
   */
  public static void publish(
      KubernetesClient client, HasMetadata object, String type, String reason, String message) {
    String now = Instant.now().toString();
    String objectNamespace = object.getMetadata().getNamespace();
    String namespace = objectNamespace == null ? "default" : objectNamespace;
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(object.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
            .withNamespace(namespace)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(object.getApiVersion())
            .withKind(object.getKind())
            .withName(object.getMetadata().getName())
            .withNamespace(objectNamespace)
            .withUid(object.getMetadata().getUid())
            .withResourceVersion(object.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(WorkloadLabels.CONTROLLER)
            .endSource()
            .withReportingComponent(WorkloadLabels.CONTROLLER)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "Could not record event %s on %s %s: %s",
          reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
    }
  }

  private static Optional<Condition> find(AgentExecutorStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
