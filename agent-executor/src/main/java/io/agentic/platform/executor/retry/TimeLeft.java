package io.agentic.platform.executor.retry;

import java.time.Duration;
import java.time.Instant;

/** The time from now to a deadline that may be unbounded ({@link Instant#MAX}), capped. */
public final class TimeLeft {

  private TimeLeft() {}

  /**
   * {@code deadline - now}, but never more than {@code cap}; zero or negative once the deadline has
   * passed.
   */
  public static Duration until(Instant now, Instant deadline, Duration cap) {
    // Compared as instants first: Duration.between(now, Instant.MAX) overflows its nanosecond
    // count and recovers only by throwing and catching an ArithmeticException, which on the path
    // of every run without a deadline cost an exception with its stack trace and a trip out of
    // compiled code per LLM attempt.
    return deadline.isAfter(now.plus(cap)) ? cap : Duration.between(now, deadline);
  }
}
