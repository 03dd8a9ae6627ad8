package io.agentic.platform.memory.evermemos;

import io.agentic.platform.memory.resilience.Backoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between the attempts of one call, for SmallRye Fault Tolerance's retry: the {@link
 * Backoff}'s, but never shorter than the Retry-After EverMemOS sent with the failure. The retry
 * makes a new instance for each call, so it counts that call's retries.
 */
final class RetryAfterBackoff implements CustomBackoffStrategy {

  private final Backoff backoff;
  private int retries;

  RetryAfterBackoff(Backoff backoff) {
    this.backoff = backoff;
  }

  @Override
  public long nextDelayInMillis(Throwable failure) {
    retries++;
    Duration wait = backoff.before(retries, ThreadLocalRandom.current());
    Optional<Duration> told =
        failure instanceof UpstreamFailure upstream ? upstream.retryAfter() : Optional.empty();
    if (told.isPresent() && told.get().compareTo(wait) > 0) {
      wait = told.get();
    }
    // A zero delay would make the retry run at once on the failing attempt's stack.
    return Math.max(1, wait.toMillis());
  }
}
