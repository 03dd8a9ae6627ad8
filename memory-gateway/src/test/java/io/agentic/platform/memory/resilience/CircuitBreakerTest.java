package io.agentic.platform.memory.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock);

  @Test
  void opensAfterConsecutiveFailuresOnly() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertTrue(breaker.tryAcquire().isEmpty());
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(Duration.ofSeconds(10), breaker.tryAcquire().orElseThrow());
  }

  @Test
  void letsOneTrialThroughAfterThePause() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    clock.now = clock.now.plusSeconds(4);
    assertEquals(Duration.ofSeconds(6), breaker.tryAcquire().orElseThrow());
    clock.now = clock.now.plusSeconds(6);
    assertTrue(breaker.tryAcquire().isEmpty(), "the trial call");
    assertFalse(breaker.tryAcquire().isEmpty(), "only one trial at a time");
    breaker.onSuccess();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire().isEmpty());
  }

  @Test
  void aFailedTrialOpensAgain() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    clock.now = clock.now.plusSeconds(10);
    assertTrue(breaker.tryAcquire().isEmpty());
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(Duration.ofSeconds(10), breaker.tryAcquire().orElseThrow());
  }
}
