package io.agentic.platform.controller.status;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorStatus;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
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
    String now = Instant.now().toString();
    String namespace = executor.getMetadata().getNamespace();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(executor.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
            .withNamespace(namespace)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(executor.getApiVersion())
            .withKind(executor.getKind())
            .withName(executor.getMetadata().getName())
            .withNamespace(namespace)
            .withUid(executor.getMetadata().getUid())
            .withResourceVersion(executor.getMetadata().getResourceVersion())
            .endInvolvedObject()
            .withType(type)
            .withReason(condition.getReason())
            .withMessage(condition.getMessage())
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
      // An Event is a courtesy; the condition already carries the information.
      LOG.warnf(
          "Could not record event %s on AgentExecutor %s/%s: %s",
          condition.getReason(), namespace, executor.getMetadata().getName(), e.getMessage());
    }
  }

  private static Optional<Condition> find(AgentExecutorStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
