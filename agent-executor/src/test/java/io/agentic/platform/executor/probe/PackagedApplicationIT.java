package io.agentic.platform.executor.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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

/** Checks the packaged jar, started in the prod profile, the way its Deployment probes it. */
@QuarkusIntegrationTest
class PackagedApplicationIT {

  @Test
  void probesAndMetricsAnswer() {
    given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

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
