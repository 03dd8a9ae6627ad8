package io.agentic.platform.executor.schema;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. {@code java -jar quarkus-run.jar migrate} (or {@code EXECUTOR_MODE=migrate}) applies
 * the schema migrations and exits, for the {@code run-migrations} init container; anything else
 * serves until stopped.
 */
@QuarkusMain
public class ExecutorMain implements QuarkusApplication {

  static final String MIGRATE_ARGUMENT = "migrate";

  private final ExecutorConfig config;
  private final SchemaMigrations migrations;

  ExecutorMain(ExecutorConfig config, SchemaMigrations migrations) {
    this.config = config;
    this.migrations = migrations;
  }

  public static void main(String... args) {
    if (args.length > 0 && MIGRATE_ARGUMENT.equals(args[0])) {
      // The mode must be known before start-up, when the consumer would otherwise begin pulling.
      System.setProperty("executor.mode", MIGRATE_ARGUMENT);
    }
    Quarkus.run(ExecutorMain.class, args);
  }

  @Override
  public int run(String... args) {
    if (config.mode() == ExecutorConfig.Mode.MIGRATE) {
      return migrations.migrate();
    }
    Quarkus.waitForExit();
    return 0;
  }
}
