package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.crd.v1alpha1.TenantStatus;
import io.agentic.platform.controller.crd.v1alpha1.TenantStatus.NamespaceState;
import io.agentic.platform.controller.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Tenant's status from the state of each of its namespaces: {@code Ready} when every namespace
 * is, {@code Degraded} naming each namespace that is not and why. Transition times survive
 * reconciliations that change nothing.
 */
final class TenantStatusAggregator {

  static final String READY = "Ready";
  static final String DEGRADED = "Degraded";
  static final String STATE_READY = "Ready";
  static final String STATE_CONFLICT = "Conflict";
  static final String STATE_FAILED = "Failed";

  private TenantStatusAggregator() {}

  static TenantStatus of(
      long generation, List<NamespaceState> namespaces, TenantStatus previous, Instant now) {
    List<NamespaceState> troubled =
        namespaces.stream().filter(n -> !STATE_READY.equals(n.getState())).toList();
    Condition ready;
    Condition degraded;
    if (troubled.isEmpty()) {
      ready =
          condition(
              READY,
              true,
              "NamespacesReady",
              namespaces.isEmpty()
                  ? "the tenant has no namespaces"
                  : "all " + namespaces.size() + " namespaces are set up");
      degraded = condition(DEGRADED, false, "NamespacesReady", "nothing is wrong");
    } else {
      String reason =
          troubled.stream().anyMatch(n -> STATE_CONFLICT.equals(n.getState()))
              ? "NamespaceConflict"
              : "NamespaceFailed";
      String message =
          troubled.stream()
              .map(n -> n.getName() + ": " + n.getMessage())
              .collect(Collectors.joining("; "));
      ready = condition(READY, false, reason, message);
      degraded = condition(DEGRADED, true, reason, message);
    }
    TenantStatus status = new TenantStatus();
    status.setObservedGeneration(generation);
    status.setNamespaces(namespaces);
    status.setConditions(
        List.of(
            carryOver(ready, previous, generation, now),
            carryOver(degraded, previous, generation, now)));
    return status;
  }

  private static Condition carryOver(
      Condition next, TenantStatus previous, long generation, Instant now) {
    return Conditions.carryOver(
        next, previous == null ? null : previous.getConditions(), generation, now);
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return Conditions.of(type, status, reason, message);
  }
}
