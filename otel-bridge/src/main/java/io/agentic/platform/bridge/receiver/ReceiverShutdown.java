package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.BridgeConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Closes the receivers gracefully and no later than needed. On SIGTERM readiness reports DOWN while
 * requests are still taken for {@code bridge.receiver.shutdown-delay}; then new requests are
 * refused with retry information and those being read get up to {@code
 * bridge.receiver.shutdown-timeout}; then Quarkus closes the servers and the queues are drained.
 *
 * <p>Quarkus' own delay and timeout are not used: in Quarkus 3.30 a shutdown listener of its
 * Jackson extension never reports that it is done, so {@code quarkus.shutdown.timeout} is waited
 * out in full by every stop. Quarkus waits for this observer of the shutdown's announcement (fired
 * after readiness turned DOWN) before it stops anything.
 */
@Singleton
class ReceiverShutdown {

  private static final Logger LOG = Logger.getLogger(ReceiverShutdown.class);

  private final ReceiveLimit limit;
  private final Duration delay;
  private final Duration timeout;

  ReceiverShutdown(ReceiveLimit limit, BridgeConfig config) {
    this.limit = limit;
    this.delay = config.receiver().shutdownDelay();
    this.timeout = config.receiver().shutdownTimeout();
  }

  void stopping(@Observes ShutdownDelayInitiatedEvent event) throws InterruptedException {
    Thread.sleep(delay.toMillis());
    if (!limit.closeAndAwait(timeout)) {
      LOG.warnf("Closing the receivers with requests still being read after %s", timeout);
    }
  }
}
