package io.agentic.platform.memory.evermemos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.resilience.Backoff;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterBackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0);

  @Test
  void eachCallCountsItsOwnRetries() {
    RetryAfterBackoff first = new RetryAfterBackoff(backoff);
    UpstreamFailure down = UpstreamFailure.of(UpstreamFailure.Kind.UNREACHABLE);
    assertEquals(100, first.nextDelayInMillis(down));
    assertEquals(200, first.nextDelayInMillis(down));
    assertEquals(100, new RetryAfterBackoff(backoff).nextDelayInMillis(down));
  }

  @Test
  void neverRetriesSoonerThanEverMemOsAsked() {
    RetryAfterBackoff waits = new RetryAfterBackoff(backoff);
    UpstreamFailure busy =
        UpstreamFailure.status(UpstreamFailure.Kind.BUSY, 429, Optional.of(Duration.ofSeconds(1)));
    assertEquals(1_000, waits.nextDelayInMillis(busy));
    UpstreamFailure soon =
        UpstreamFailure.status(
            UpstreamFailure.Kind.SERVER_ERROR, 503, Optional.of(Duration.ofMillis(10)));
    assertEquals(200, waits.nextDelayInMillis(soon), "a shorter Retry-After keeps the backoff");
  }

  @Test
  void aZeroWaitStillGoesThroughTheTimer() {
    Backoff none = new Backoff(Duration.ZERO, Duration.ZERO, 0);
    assertTrue(
        new RetryAfterBackoff(none)
                .nextDelayInMillis(UpstreamFailure.of(UpstreamFailure.Kind.UNREACHABLE))
            >= 1);
  }
}
