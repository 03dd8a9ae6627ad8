package io.agentic.platform.standins;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Starts one HTTP server per stand-in on Quarkus's Vert.x, and fails the application's start when
 * one cannot listen: a suite pointed at a port nobody serves would fail later and less clearly.
 */
@ApplicationScoped
class StandinsStartup {

  private static final Logger LOG = Logger.getLogger(StandinsStartup.class);
  private static final long LISTEN_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final StandinsConfig config;
  private final List<Standin> standins;
  private volatile boolean listening;

  StandinsStartup(Vertx vertx, StandinsConfig config, @Any Instance<Standin> standins) {
    this.vertx = vertx;
    this.config = config;
    this.standins = standins.stream().sorted(Comparator.comparing(Standin::name)).toList();
  }

  /** Says what this is before anything listens, so even a failed start is clearly labelled. */
  void start(@Observes StartupEvent event) throws InterruptedException {
    LOG.warnf(
        "LOCAL STAND-INS: not for production. Fakes of remote services on %s",
        String.join(
            " ",
            standins.stream()
                .map(s -> s.name() + "=http://" + config.host() + ":" + s.port())
                .toList()));
    for (Standin standin : standins) {
      listen(standin);
    }
    listening = true;
    LOG.info("Every stand-in listens");
  }

  /** True once every stand-in listens. */
  boolean listening() {
    return listening;
  }

  private void listen(Standin standin) throws InterruptedException {
    try {
      vertx
          .createHttpServer()
          .requestHandler(
              request -> {
                // Every stand-in answers the probe run-local and the tests wait on.
                if (Responses.isHealthProbe(request)) {
                  Responses.health(request);
                } else {
                  standin.handle(request);
                }
              })
          .listen(standin.port(), config.host())
          .toCompletionStage()
          .toCompletableFuture()
          .get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the "
              + standin.name()
              + " stand-in cannot listen on "
              + config.host()
              + ":"
              + standin.port(),
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }
}
