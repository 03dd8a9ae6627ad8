package io.agentic.platform.executor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Migrate mode applies the migrations to an empty schema and exits 0 without consuming. */
@QuarkusMainTest
@TestProfile(MigrateModeTest.Migrate.class)
class MigrateModeTest {

  static final String SCHEMA = "ae_migrate_" + Long.toHexString(System.nanoTime());

  public static class Migrate implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "executor.mode", "migrate",
          "postgres.schema", SCHEMA,
          "quarkus.flyway.migrate-at-start", "false",
          // Migrate mode needs no NATS: without a URL it must still succeed.
          "nats.url", "");
    }
  }

  @Test
  @Launch(
      value = {},
      exitCode = 0)
  void migratesAndExits(LaunchResult result) throws Exception {
    assertTrue(result.getOutput().contains("migrated"), result.getOutput());
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/agentic", "agentic", "agentic");
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT max(version) FROM "
                        + SCHEMA
                        + ".flyway_schema_history WHERE success")) {
      assertTrue(r.next());
      assertEquals("3", r.getString(1));
      c.createStatement().executeQuery("SELECT count(*) FROM " + SCHEMA + ".runs").close();
      c.createStatement().execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }
  }
}
