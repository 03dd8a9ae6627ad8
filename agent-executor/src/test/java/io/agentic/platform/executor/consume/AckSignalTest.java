package io.agentic.platform.executor.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.executor.run.Disposition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AckSignalTest {

  @Test
  void dispositionsBecomeTheJetStreamAckBodies() {
    assertEquals("+ACK", body(AckSignal.of(Disposition.ACK)));
    assertEquals("+TERM", body(AckSignal.of(Disposition.TERM)));
    assertEquals("-NAK", body(AckSignal.of(new Disposition.Nak(Duration.ZERO))));
    assertEquals("+WPI", body(AckSignal.IN_PROGRESS));
  }

  @Test
  void aNakWithDelayCarriesItInNanoseconds() {
    assertEquals(
        "-NAK {\"delay\":1500000000}",
        body(AckSignal.of(new Disposition.Nak(Duration.ofMillis(1500)))));
  }

  private static String body(AckSignal signal) {
    return new String(signal.body(), StandardCharsets.US_ASCII);
  }
}
