package io.agentic.platform.executor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in migrate mode with only the variables an AgentExecutor's init container gets:
 * no POSTGRES_SCHEMA, so the documented default schema must be used.
 */
class DefaultSchemaIT {

  @Test
  void migratesTheDefaultSchemaWithoutPostgresSchemaSet() throws Exception {
    try (RunningJar migrate =
        PackagedJar.quarkusApp("default-schema-migrate")
            .args("migrate")
            .withoutInheritedEnv("POSTGRES_")
            .env("POSTGRES_HOST", "127.0.0.1")
            .env("POSTGRES_PORT", "5432")
            .env("POSTGRES_DB", "agentic")
            .env("POSTGRES_USER", "agentic")
            .env("POSTGRES_PASSWORD", "agentic")
            .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
            .start()) {
      // The init container holds the pod's start: migrate mode must exit as soon as it is done.
      int exitCode = migrate.waitForExit(Duration.ofSeconds(20));
      String output = migrate.output();
      assertEquals(0, exitCode, output);
      assertTrue(output.contains("schema agent_executor "), output);
    }
  }
}
