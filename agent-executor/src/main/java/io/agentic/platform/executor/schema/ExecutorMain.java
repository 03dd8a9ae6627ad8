package io.agentic.platform.executor.schema;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.StartupCheck;
import io.agentic.platform.executor.run.OneShotRun;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Entry point. {@code java -jar quarkus-run.jar migrate} (or {@code EXECUTOR_MODE=migrate}) applies
 * the schema migrations and exits, for the {@code run-migrations} init container; {@code
 * quarkus-run.jar run [<file>]} (or {@code EXECUTOR_MODE=run}) executes the one request of the file
 * and exits with its outcome, for an AgentRun's Job; anything else serves until stopped.
 */
@QuarkusMain
public class ExecutorMain implements QuarkusApplication {

  static final String MIGRATE_ARGUMENT = "migrate";
  static final String RUN_ARGUMENT = OneShotRun.ARGUMENT;

  private static final Logger LOG = Logger.getLogger(ExecutorMain.class);

  private final ExecutorConfig config;
  private final SchemaMigrations migrations;
  private final StartupCheck check;
  private final OneShotRun oneShot;

  @Inject
  ExecutorMain(
      ExecutorConfig config, SchemaMigrations migrations, StartupCheck check, OneShotRun oneShot) {
    this.config = config;
    this.migrations = migrations;
    this.check = check;
    this.oneShot = oneShot;
  }

  public static void main(String... args) {
    String argument = args.length > 0 ? args[0] : "";
    // The mode must be known before start-up, when the consumer would otherwise begin pulling.
    if (MIGRATE_ARGUMENT.equals(argument) || RUN_ARGUMENT.equals(argument)) {
      System.setProperty("executor.mode", argument);
    }
    if (RUN_ARGUMENT.equals(argument)
        || (!MIGRATE_ARGUMENT.equals(argument)
            && RUN_ARGUMENT.equalsIgnoreCase(System.getenv("EXECUTOR_MODE")))) {
      // stdout carries the run's result alone, so logs go to stderr; and a one-shot run has
      // nothing to serve (no probes, metrics or scaler), so it opens no port.
      System.setProperty("quarkus.log.console.stderr", "true");
      System.setProperty("quarkus.http.host-enabled", "false");
    }
    Quarkus.run(ExecutorMain.class, args);
  }

  @Override
  public int run(String... args) {
    switch (config.mode()) {
      case MIGRATE -> {
        try {
          check.verifyMigrateConfiguration();
        } catch (IllegalStateException invalid) {
          LOG.error(invalid.getMessage());
          return 1;
        }
        return migrations.migrate();
      }
      case RUN -> {
        return oneShot.run(args);
      }
      case SERVE -> {
        Quarkus.waitForExit();
        return 0;
      }
    }
    throw new IllegalStateException("unknown mode " + config.mode());
  }
}
