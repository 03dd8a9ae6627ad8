package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.run.Disposition;
import java.nio.charset.StandardCharsets;

/**
 * A JetStream acknowledgement as it goes on the wire: the body published to a delivered message's
 * reply subject ({@code +ACK}, {@code -NAK} with an optional delay in nanoseconds, {@code +TERM},
 * {@code +WPI}).
 */
record AckSignal(String name, byte[] body) {

  static final AckSignal IN_PROGRESS = new AckSignal("in-progress", "+WPI");
  private static final AckSignal ACK = new AckSignal("ack", "+ACK");
  private static final AckSignal NAK = new AckSignal("nak", "-NAK");
  private static final AckSignal TERM = new AckSignal("term", "+TERM");

  private AckSignal(String name, String body) {
    this(name, body.getBytes(StandardCharsets.US_ASCII));
  }

  static AckSignal of(Disposition disposition) {
    if (disposition instanceof Disposition.Nak nak) {
      return nak.delay().isZero()
          ? NAK
          : new AckSignal("nak", "-NAK {\"delay\":" + nak.delay().toNanos() + "}");
    }
    return disposition instanceof Disposition.Term ? TERM : ACK;
  }
}
