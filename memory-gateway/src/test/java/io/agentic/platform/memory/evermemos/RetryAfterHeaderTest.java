package io.agentic.platform.memory.evermemos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  private static Optional<Duration> parse(String header) {
    return UpstreamTransport.retryAfter(header, CLOCK);
  }

  @Test
  void readsSecondsAndHttpDates() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), parse("7"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), parse("Sun, 01 Jun 2025 12:00:30 GMT"));
  }

  @Test
  void aDateInThePastMeansNow() {
    assertEquals(Optional.of(Duration.ZERO), parse("Sun, 01 Jun 2025 11:00:00 GMT"));
    assertEquals(Optional.of(Duration.ZERO), parse("-3"));
  }

  @Test
  void absentOrUnreadableSaysNothing() {
    assertEquals(Optional.empty(), parse(null));
    assertEquals(Optional.empty(), parse(""));
    assertEquals(Optional.empty(), parse("soon"));
    assertEquals(Optional.empty(), parse("99999999999999999999"));
  }

  @Test
  void longWaitsAreCappedAtAnHour() {
    assertEquals(Optional.of(Duration.ofHours(1)), parse("86400"));
  }
}
