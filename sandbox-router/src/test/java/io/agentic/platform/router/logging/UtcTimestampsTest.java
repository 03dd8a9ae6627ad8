package io.agentic.platform.router.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UtcTimestampsTest {

  private final UtcTimestamps timestamps = new UtcTimestamps();

  @Test
  void formatsUtcWithSixFractionDigits() {
    assertEquals(
        "2026-01-31T23:59:58.123456Z",
        timestamps.format(Instant.parse("2026-01-31T23:59:58.123456789Z")));
    assertEquals(
        "1970-01-01T00:00:00.000000Z", timestamps.format(Instant.parse("1970-01-01T00:00:00Z")));
    assertEquals(
        "2026-01-31T23:59:58.000007Z",
        timestamps.format(Instant.parse("2026-01-31T23:59:58.000007999Z")));
    assertEquals(
        "2026-01-31T23:59:58.099999Z",
        timestamps.format(Instant.parse("2026-01-31T23:59:58.099999Z")));
  }

  @Test
  void reusesTheSecondOnlyWhileItLasts() {
    Instant first = Instant.parse("2026-01-31T23:59:59.500Z");
    assertEquals("2026-01-31T23:59:59.500000Z", timestamps.format(first));
    assertEquals("2026-01-31T23:59:59.900000Z", timestamps.format(first.plusMillis(400)));
    assertEquals("2026-02-01T00:00:00.000000Z", timestamps.format(first.plusMillis(500)));
    // An earlier second after a later one (a thread that read the clock a little before another).
    assertEquals("2026-01-31T23:59:59.999999Z", timestamps.format(first.plusNanos(499_999_000)));
  }

  @Test
  void agreesWithInstantToStringToTheMicrosecond() {
    for (long seconds = 0; seconds < 4_000_000_000L; seconds += 86_399_937L) {
      Instant instant = Instant.ofEpochSecond(seconds, (seconds * 7919) % 1_000_000 * 1000);
      String expected = Instant.ofEpochSecond(seconds).toString().replace("Z", "");
      String fraction = String.format(".%06dZ", instant.getNano() / 1000);
      assertEquals(expected + fraction, timestamps.format(instant));
    }
  }
}
