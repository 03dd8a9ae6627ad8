package io.agentic.platform.executor.lag;

import java.time.Instant;

/**
 * The durable consumer's lag as KEDA's nats-jetstream scaler computes it: {@code num_pending +
 * num_ack_pending}.
 */
public record LagReading(
    String stream, String consumer, long numPending, long numAckPending, Instant readAt) {

  public long lag() {
    return numPending + numAckPending;
  }
}
