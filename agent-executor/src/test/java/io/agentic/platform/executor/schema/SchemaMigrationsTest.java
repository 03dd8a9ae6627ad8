package io.agentic.platform.executor.schema;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Serve mode's schema check against a real, empty schema: refused before migrating, then accepted.
 */
class SchemaMigrationsTest {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/agentic";
  final String schema = "ae_schema_check_" + Long.toHexString(System.nanoTime());

  @AfterEach
  void drop() throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "agentic", "agentic")) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private Flyway flyway(String target) {
    return Flyway.configure()
        .dataSource(URL, "agentic", "agentic")
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .target(target)
        .load();
  }

  @Test
  void refusesAnOlderSchemaUntilMigrated() {
    Flyway flyway = flyway("latest");
    SchemaMigrations migrations = new SchemaMigrations(flyway);

    SchemaMigrations.SchemaTooOld tooOld =
        assertThrows(SchemaMigrations.SchemaTooOld.class, migrations::verifyCurrent);
    assertTrue(tooOld.getMessage().contains("lacks migrations 1 (runs)"), tooOld.getMessage());
    assertTrue(tooOld.getMessage().contains("EXECUTOR_MODE=migrate"), tooOld.getMessage());

    assertEquals(0, migrations.migrate());
    assertDoesNotThrow(migrations::verifyCurrent);
    assertEquals(0, migrations.migrate(), "migrating again is a no-op");
  }

  @Test
  void runsStoredBeforeRunsWereKeyedByTenantAreKept() throws Exception {
    flyway("1").migrate();
    try (Connection c = DriverManager.getConnection(URL, "agentic", "agentic")) {
      c.createStatement()
          .execute(
              "INSERT INTO "
                  + schema
                  + ".runs (run_id, tenant, agent, status) VALUES ('r-1', 'acme', 'a', 'succeeded')");
    }
    assertEquals(0, new SchemaMigrations(flyway("latest")).migrate());

    try (Connection c = DriverManager.getConnection(URL, "agentic", "agentic")) {
      c.createStatement()
          .execute(
              "INSERT INTO "
                  + schema
                  + ".runs (run_id, tenant, agent, status) VALUES ('r-1', 'globex', 'a', 'running')");
      ResultSet rows =
          c.createStatement()
              .executeQuery(
                  "SELECT tenant, status FROM " + schema + ".runs WHERE run_id = 'r-1' ORDER BY 1");
      assertTrue(rows.next());
      assertEquals("acme", rows.getString(1));
      assertEquals("succeeded", rows.getString(2));
      assertTrue(rows.next(), "the same run id of another tenant is a run of its own");
      assertEquals("globex", rows.getString(1));
    }
  }
}
