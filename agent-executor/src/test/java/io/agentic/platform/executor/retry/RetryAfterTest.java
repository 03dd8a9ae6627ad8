package io.agentic.platform.executor.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void readsDeltaSeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", NOW));
  }

  @Test
  void readsAnHttpDate() {
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Tue, 01 Jan 2030 00:01:30 GMT", NOW));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 31 Dec 2029 23:00:00 GMT", NOW));
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("-3", NOW));
  }
}
