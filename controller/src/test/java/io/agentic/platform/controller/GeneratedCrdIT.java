package io.agentic.platform.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRD under kubernetes/crds is the one the build generates from the Java types. Runs after
 * packaging, when target/kubernetes holds the generator's output.
 */
class GeneratedCrdIT {

  private static final Path GENERATED = Path.of("target", "kubernetes");

  /** Every CRD the build generates has its copy in kubernetes/crds, and no copy lacks a source. */
  @Test
  void kubernetesCrdsHoldsEveryGeneratedCrd() throws IOException {
    List<String> generated;
    try (var files = Files.list(GENERATED)) {
      generated =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith("-v1.yml"))
              .sorted()
              .toList();
    }
    List<String> copies;
    try (var files = Files.list(ProductionLikeCluster.CRDS)) {
      copies =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".yml"))
              .sorted()
              .toList();
    }
    assertTrue(generated.size() >= 3, "the build generated " + generated);
    assertEquals(generated, copies, "kubernetes/crds must hold exactly the generated CRDs");
    for (String crd : generated) {
      assertEquals(
          Files.readString(GENERATED.resolve(crd)),
          Files.readString(ProductionLikeCluster.CRDS.resolve(crd)),
          "kubernetes/crds is out of date; cp controller/target/kubernetes/*-v1.yml kubernetes/crds/");
    }
  }
}
