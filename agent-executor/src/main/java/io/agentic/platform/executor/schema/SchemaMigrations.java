package io.agentic.platform.executor.schema;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * The versioned SQL under {@code db/migration}: applied by migrate mode, and checked by serve mode,
 * which refuses a schema older than this build needs.
 */
@ApplicationScoped
public class SchemaMigrations {

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

  private final Flyway flyway;

  SchemaMigrations(Flyway flyway) {
    this.flyway = flyway;
  }

  /** Applies pending migrations; returns the process exit code. */
  public int migrate() {
    try {
      MigrateResult result = flyway.migrate();
      LOG.infof(
          "schema %s migrated from version %s to %s (%d migrations applied)",
          result.schemaName,
          result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
          result.targetSchemaVersion == null
              ? result.initialSchemaVersion
              : result.targetSchemaVersion,
          result.migrationsExecuted);
      return 0;
    } catch (RuntimeException e) {
      LOG.errorf("schema migration failed: %s", e.getMessage());
      return 1;
    }
  }

  /**
   * Throws {@link SchemaTooOld} when migrations of this build are not applied yet, or another
   * exception when the database cannot be asked.
   */
  public void verifyCurrent() {
    MigrationInfo[] pending = flyway.info().pending();
    if (pending.length > 0) {
      throw new SchemaTooOld(
          "the database schema lacks migrations "
              + Arrays.stream(pending)
                  .map(m -> m.getVersion() + " (" + m.getDescription() + ")")
                  .collect(Collectors.joining(", "))
              + "; run this image in migrate mode first (EXECUTOR_MODE=migrate)");
    }
  }

  /** The schema is older than this build: serving would fail on every run. */
  public static class SchemaTooOld extends IllegalStateException {
    SchemaTooOld(String message) {
      super(message);
    }
  }
}
