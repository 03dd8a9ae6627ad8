package io.agentic.platform.memory.resilience;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: {@code initial} before the first, doubling for each further one up to
 * {@code max}, each moved at random by up to {@code jitter} of itself (and never beyond {@code
 * max}) so that callers failing together do not retry together.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the backoff needs 0 <= initial <= max");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("the jitter is a fraction between 0 and 1");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration before(int retry, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are counted from 1");
    }
    long maxNanos = max.toNanos();
    // Doubling stops once max is reached, so it cannot overflow.
    long base = initial.toNanos();
    for (int i = 1; i < retry && base < maxNanos; i++) {
      base *= 2;
    }
    base = Math.min(base, maxNanos);
    double offset = base * jitter * (2 * random.nextDouble() - 1);
    return Duration.ofNanos(Math.min(maxNanos, Math.max(0, Math.round(base + offset))));
  }
}
