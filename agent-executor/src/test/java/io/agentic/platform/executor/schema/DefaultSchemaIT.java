package io.agentic.platform.executor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in migrate mode with only the variables an AgentExecutor's init container gets:
 * no POSTGRES_SCHEMA, so the documented default schema must be used.
 */
class DefaultSchemaIT {

  @Test
  void migratesTheDefaultSchemaWithoutPostgresSchemaSet() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString(),
                "migrate")
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("POSTGRES_"));
    builder.environment().put("POSTGRES_HOST", "127.0.0.1");
    builder.environment().put("POSTGRES_PORT", "5432");
    builder.environment().put("POSTGRES_DB", "agentic");
    builder.environment().put("POSTGRES_USER", "agentic");
    builder.environment().put("POSTGRES_PASSWORD", "agentic");
    builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    Process process = builder.start();
    // The init container holds the pod's start: migrate mode must exit as soon as it is done.
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "migrate mode did not finish in 20 s");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("schema agent_executor "), output);
  }
}
