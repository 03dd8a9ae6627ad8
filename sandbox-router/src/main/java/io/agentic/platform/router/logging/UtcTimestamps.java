package io.agentic.platform.router.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants as ISO-8601 UTC timestamps with microseconds ({@code
 * 2026-01-31T12:00:00.123456Z}). Date and time of day are formatted once per second and reused: a
 * busy log writes thousands of lines in the same second, and a formatter run per line costs more
 * than the rest of the line together.
 */
public final class UtcTimestamps {

  private static final DateTimeFormatter TO_THE_SECOND =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private record Second(long epochSecond, String text) {}

  // Threads may race to replace it; each result is complete and correct, so the race is harmless.
  private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  public String format(Instant instant) {
    Second second = lastSecond;
    if (second.epochSecond() != instant.getEpochSecond()) {
      second = new Second(instant.getEpochSecond(), TO_THE_SECOND.format(instant));
      lastSecond = second;
    }
    int micros = instant.getNano() / 1000;
    StringBuilder text = new StringBuilder(27).append(second.text()).append('.');
    for (int digit = 100_000; digit > 1 && micros < digit; digit /= 10) {
      text.append('0');
    }
    return text.append(micros).append('Z').toString();
  }
}
