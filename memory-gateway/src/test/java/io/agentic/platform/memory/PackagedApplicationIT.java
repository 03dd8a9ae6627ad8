package io.agentic.platform.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the management-endpoint checks against the packaged jar, started in the prod profile. */
@QuarkusIntegrationTest
class PackagedApplicationIT extends ManagementEndpointsTest {

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
