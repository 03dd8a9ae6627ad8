package io.agentic.platform.memory.shutdown;

import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.problem.ProblemResponses;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Stops the gateway gracefully and no later than needed. On SIGTERM readiness reports DOWN and
 * requests are still served for {@code memory.server.shutdown-delay}, while the Service stops
 * sending new ones; then new requests are answered 503 problem+json on a closing connection, and
 * those in progress get up to {@code memory.server.drain-timeout} to finish; an idle gateway goes
 * on stopping at once.
 *
 * <p>Quarkus' own delay and timeout are not used. In Quarkus 3.30 a shutdown listener of its
 * Jackson extension never reports that it is done, so {@code quarkus.shutdown.timeout} is waited
 * out in full by every stop, idle or not; and without that timeout Quarkus closes its HTTP server
 * before any later hook could wait for the requests in it. This runs where Quarkus announces the
 * shutdown ({@link ShutdownDelayInitiatedEvent}, after readiness turned DOWN), which Quarkus waits
 * for before it stops anything.
 */
@Singleton
class InFlightRequests {

  private static final Logger LOG = Logger.getLogger(InFlightRequests.class);
  private static final long POLL_MILLIS = 50;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Duration shutdownDelay;
  private final Duration drainTimeout;
  private volatile boolean refusing;

  InFlightRequests(MemoryConfig config) {
    this.shutdownDelay = config.server().shutdownDelay();
    this.drainTimeout = config.server().drainTimeout();
  }

  // First of the main port's routes, ahead of the body-size check: a refused request's body is not
  // worth reading.
  void install(@Observes Router router, ProblemResponses problems) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              if (refusing) {
                problems.send(ctx, Problem.shuttingDown(), true);
                return;
              }
              inFlight.incrementAndGet();
              ctx.addEndHandler(ended -> inFlight.decrementAndGet());
              ctx.next();
            });
  }

  int inFlight() {
    return inFlight.get();
  }

  void stopping(@Observes ShutdownDelayInitiatedEvent event) throws InterruptedException {
    Thread.sleep(shutdownDelay.toMillis());
    refusing = true;
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(POLL_MILLIS);
    }
    int left = inFlight.get();
    if (left > 0) {
      LOG.warnf("Stopping with %d requests still in progress after %s", left, drainTimeout);
    }
  }
}
