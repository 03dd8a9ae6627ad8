package io.agentic.platform.controller.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Status conditions as every kind of this controller writes them. */
public final class Conditions {

  private Conditions() {}

  public static Condition of(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /**
   * {@code next} with the generation it describes and a {@code lastTransitionTime} that moves only
   * when its status flips: the time of the previous condition of its type when that had the same
   * status, else {@code now}.
   */
  public static Condition carryOver(
      Condition next, List<Condition> previous, long generation, Instant now) {
    next.setObservedGeneration(generation);
    String transition = now.truncatedTo(ChronoUnit.SECONDS).toString();
    if (previous != null) {
      for (Condition old : previous) {
        if (old.getType().equals(next.getType())
            && old.getStatus().equals(next.getStatus())
            && old.getLastTransitionTime() != null) {
          transition = old.getLastTransitionTime();
        }
      }
    }
    next.setLastTransitionTime(transition);
    return next;
  }

  /** Whether {@code conditions} hold {@code type} with status True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
