package io.agentic.platform.executor.llm;

import io.agentic.platform.executor.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed LLM call is tried again. A provider that refuses connections, answers 5xx or 429 is
 * waited out, with backoff or its Retry-After, until the run's deadline or until it has been
 * failing for the outage window; a failure the request caused is never retried.
 */
record RetryPolicy(Backoff backoff, Duration outageWindow, Clock clock) {

  /**
   * The wait before the next attempt after {@code failures} failures in a row, the first of which
   * was at {@code failingSince}; empty when the call gives up.
   */
  Optional<Duration> nextWait(
      LlmFailure failure, int failures, Instant failingSince, Instant deadline) {
    if (!failure.retryable()) {
      return Optional.empty();
    }
    Duration wait = failure.retryAfter().orElse(backoff.after(failures));
    if (wait.compareTo(backoff.max()) > 0) {
      wait = backoff.max();
    }
    Instant retryAt = clock.instant().plus(wait);
    Instant windowEnd = failingSince.plus(outageWindow);
    if (retryAt.isAfter(deadline) || retryAt.isAfter(windowEnd)) {
      return Optional.empty();
    }
    return Optional.of(wait);
  }
}
