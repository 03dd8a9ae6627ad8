package io.agentic.platform.controller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the management-endpoint checks against the packaged jar, started in the prod profile and
 * pointed at a mock Kubernetes API where the CRD is installed (as the chart installs it).
 */
@QuarkusIntegrationTest
@WithKubernetesTestServer(crud = true, setup = ProductionLikeCluster.class)
class PackagedApplicationIT extends ManagementEndpointsChecks {

  @Test
  void logsAreJsonInProdProfile() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("target", "quarkus.log"));
    assertFalse(lines.isEmpty(), "the packaged application wrote no log lines");
    for (String line : lines) {
      JsonObject record = Json.createReader(new StringReader(line)).readObject();
      assertTrue(record.containsKey("level") && record.containsKey("message"), line);
    }
  }
}
