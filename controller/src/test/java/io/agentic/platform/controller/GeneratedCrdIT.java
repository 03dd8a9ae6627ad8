package io.agentic.platform.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRD under kubernetes/crds is the one the build generates from the Java types. Runs after
 * packaging, when target/kubernetes holds the generator's output.
 */
class GeneratedCrdIT {

  private static final Path GENERATED =
      Path.of("target", "kubernetes", "agentexecutors.platform.bizmatters.io-v1.yml");

  private static final Path GENERATED_TENANT =
      Path.of("target", "kubernetes", "tenants.platform.bizmatters.io-v1.yml");

  @Test
  void kubernetesCrdsHoldsTheGeneratedTenantCrd() throws IOException {
    assertTrue(Files.exists(GENERATED_TENANT), "the build generated no CRD at " + GENERATED_TENANT);
    assertEquals(
        Files.readString(GENERATED_TENANT),
        Files.readString(ProductionLikeCluster.TENANT_CRD),
        "kubernetes/crds is out of date; copy controller/" + GENERATED_TENANT + " there");
  }

  @Test
  void kubernetesCrdsHoldsTheGeneratedCrd() throws IOException {
    assertTrue(Files.exists(GENERATED), "the build generated no CRD at " + GENERATED);
    assertEquals(
        Files.readString(GENERATED),
        Files.readString(ProductionLikeCluster.CRD),
        "kubernetes/crds is out of date; copy "
            + GENERATED
            + " to kubernetes/crds/ (cp controller/"
            + GENERATED
            + " kubernetes/crds/)");
  }
}
