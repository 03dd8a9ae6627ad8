package io.agentic.platform.executor.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.executor.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a failing LLM call is tried again, on a fixed clock. */
class RetryPolicyTest {

  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  static final Instant NO_DEADLINE = Instant.MAX;

  final RetryPolicy policy =
      new RetryPolicy(
          new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)),
          Duration.ofMinutes(5),
          Clock.fixed(NOW, ZoneOffset.UTC));

  static LlmFailure unavailable() {
    return new LlmFailure("LLM answered HTTP 503", true, 503, Optional.empty());
  }

  @Test
  void anUnreachableProviderIsRetriedThroughoutTheOutageWindowNotAFewTimes() {
    // Failing for 4 minutes, the 40th failure in a row: still within the 5-minute window.
    Instant since = NOW.minus(Duration.ofMinutes(4));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        policy.nextWait(unavailable(), 40, since, NO_DEADLINE));
  }

  @Test
  void givesUpWhenTheNextTryWouldFallPastTheOutageWindow() {
    Instant since = NOW.minus(Duration.ofMinutes(5)).plusSeconds(10);
    assertEquals(Optional.empty(), policy.nextWait(unavailable(), 12, since, NO_DEADLINE));
  }

  @Test
  void givesUpWhenTheNextTryWouldFallPastTheDeadline() {
    assertEquals(Optional.empty(), policy.nextWait(unavailable(), 3, NOW, NOW.plusMillis(1_000)));
    assertEquals(
        Optional.of(Duration.ofSeconds(2)),
        policy.nextWait(unavailable(), 3, NOW, NOW.plusSeconds(3)));
  }

  @Test
  void followsRetryAfterCappedAtTheLongestWait() {
    LlmFailure limited = new LlmFailure("HTTP 429", true, 429, Optional.of(Duration.ofSeconds(7)));
    assertEquals(Optional.of(Duration.ofSeconds(7)), policy.nextWait(limited, 1, NOW, NO_DEADLINE));
    LlmFailure tooLong = new LlmFailure("HTTP 429", true, 429, Optional.of(Duration.ofHours(1)));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)), policy.nextWait(tooLong, 1, NOW, NO_DEADLINE));
  }

  @Test
  void neverRetriesWhatTheRequestCaused() {
    LlmFailure rejected = new LlmFailure("HTTP 400", false, 400, Optional.empty());
    assertEquals(Optional.empty(), policy.nextWait(rejected, 1, NOW, NO_DEADLINE));
  }
}
