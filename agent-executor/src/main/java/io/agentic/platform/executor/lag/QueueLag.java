package io.agentic.platform.executor.lag;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.consume.NatsClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.api.ConsumerInfo;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the consumer's lag through the JetStream API and reuses a reading for {@code
 * EXECUTOR_LAG_CACHE}, so KEDA polls, scrapes and JSON requests cost at most one API call per
 * period. Blocking: never call it on an event loop.
 */
// Made at start, not at the first /queue-lag call: its gauge must be scraped (the dashboard's queue
// lag panel) before anyone asks. NATS is asked only when the gauge is read.
@Startup
@ApplicationScoped
public class QueueLag {

  private final NatsClient nats;
  private final NatsConfig natsConfig;
  private final Duration cacheFor;
  private final Clock clock = Clock.systemUTC();
  private volatile LagReading last;

  QueueLag(NatsClient nats, NatsConfig natsConfig, ExecutorConfig config, MeterRegistry registry) {
    this.nats = nats;
    this.natsConfig = natsConfig;
    this.cacheFor = config.lagCache();
    Gauge.builder("agent_executor.queue.lag", this, QueueLag::gaugeValue)
        .description("num_pending + num_ack_pending of the durable consumer, as KEDA computes it")
        .register(registry);
  }

  /** A fresh enough reading; throws when NATS cannot be asked. */
  public synchronized LagReading current() {
    LagReading cached = last;
    Instant now = clock.instant();
    if (cached != null && cached.readAt().plus(cacheFor).isAfter(now)) {
      return cached;
    }
    ConsumerInfo info;
    try {
      info = nats.consumerInfo();
    } catch (Exception e) {
      throw new LagUnavailable("cannot read the consumer's lag: " + e.getMessage());
    }
    last =
        new LagReading(
            natsConfig.stream(),
            natsConfig.consumer(),
            info.getNumPending(),
            info.getNumAckPending(),
            now);
    return last;
  }

  private double gaugeValue() {
    try {
      return current().lag();
    } catch (LagUnavailable e) {
      return Double.NaN;
    }
  }

  /** NATS could not be asked; callers answer "unavailable" rather than a made-up zero. */
  public static class LagUnavailable extends RuntimeException {
    LagUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
