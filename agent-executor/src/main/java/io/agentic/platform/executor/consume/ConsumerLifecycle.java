package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.StartupCheck;
import io.agentic.platform.executor.schema.SchemaMigrations;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/** Starts consuming in serve mode once the configuration checked out, and stops gracefully. */
@ApplicationScoped
class ConsumerLifecycle {

  private static final Logger LOG = Logger.getLogger(ConsumerLifecycle.class);

  private final ExecutorConfig config;
  private final StartupCheck check;
  private final SchemaMigrations schema;
  private final RequestConsumer consumer;
  private final NatsIdentity identity;

  ConsumerLifecycle(
      ExecutorConfig config,
      StartupCheck check,
      SchemaMigrations schema,
      RequestConsumer consumer,
      NatsIdentity identity) {
    this.identity = identity;
    this.config = config;
    this.check = check;
    this.schema = schema;
    this.consumer = consumer;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.mode() != ExecutorConfig.Mode.SERVE) {
      return;
    }
    check.verifyServeConfiguration();
    List<String> identityProblems = identity.problems();
    if (!identityProblems.isEmpty()) {
      throw new IllegalStateException(
          "invalid configuration: " + String.join("; ", identityProblems));
    }
    try {
      schema.verifyCurrent();
    } catch (SchemaMigrations.SchemaTooOld tooOld) {
      throw tooOld;
    } catch (RuntimeException unreachable) {
      // The consumer checks again before its first pull and stays unready until then.
      LOG.warnf("database not reachable at start: %s", unreachable.getMessage());
    }
    consumer.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    consumer.stop();
  }
}
