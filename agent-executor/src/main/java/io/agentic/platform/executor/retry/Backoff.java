package io.agentic.platform.executor.retry;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial} before the second try, doubling for each further one, never
 * more than {@code max}. The one backoff of this service: LLM retries, redelivery delays, outage
 * probes and waits for a busy run all use it.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
    }
  }

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  public Duration after(long failures) {
    long shift = Math.min(Math.max(failures - 1, 0), 62);
    // Compared before shifting, so that no number of failures overflows into a short wait.
    if (initial.toMillis() > (max.toMillis() >> shift)) {
      return max;
    }
    return Duration.ofMillis(initial.toMillis() << shift);
  }
}
