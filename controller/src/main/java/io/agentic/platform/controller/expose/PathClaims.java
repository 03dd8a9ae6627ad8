package io.agentic.platform.controller.expose;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who holds a path when several sources ask for it (two Agents aliased to the same segment): the
 * oldest, by creation time, then by namespace and name so that every replica and every
 * reconciliation decides alike. The others get no route until the holder is gone.
 */
final class PathClaims {

  /** Name of the source informers' index of sources by the path they ask for. */
  static final String INDEX = "expose-path";

  private static final Comparator<GenericKubernetesResource> SENIORITY =
      Comparator.comparing(PathClaims::created)
          .thenComparing(s -> s.getMetadata().getNamespace())
          .thenComparing(s -> s.getMetadata().getName());

  private PathClaims() {}

  /** The index function: the path a source asks for, if it asks for one. */
  static List<String> claimed(SourceKind kind, GenericKubernetesResource source) {
    return ExposeRequest.read(kind, source, 0) instanceof ExposeRequest.Wanted wanted
        ? List.of(wanted.path())
        : List.of();
  }

  static Optional<GenericKubernetesResource> holder(
      Collection<GenericKubernetesResource> claimants) {
    return claimants.stream().min(SENIORITY);
  }

  private static Instant created(GenericKubernetesResource source) {
    String timestamp = source.getMetadata().getCreationTimestamp();
    if (timestamp == null) {
      return Instant.MAX;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.MAX;
    }
  }
}
