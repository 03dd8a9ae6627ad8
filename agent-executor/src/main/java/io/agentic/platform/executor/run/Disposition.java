package io.agentic.platform.executor.run;

import java.time.Duration;

/** What happens to a request message once the pipeline is done with this delivery. */
public sealed interface Disposition {

  /** Done for good (a result or dead letter is out): remove it from the consumer. */
  record Ack() implements Disposition {}

  /** Try again later: redeliver after {@code delay}. */
  record Nak(Duration delay) implements Disposition {}

  /** Never deliver again: the dead letter carries it on. */
  record Term() implements Disposition {}

  Disposition ACK = new Ack();
  Disposition TERM = new Term();
}
