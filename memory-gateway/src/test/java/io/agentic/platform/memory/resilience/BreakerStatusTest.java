package io.agentic.platform.memory.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BreakerStatusTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

  private final HandClock clock = new HandClock();
  private final BreakerStatus status = new BreakerStatus(Duration.ofSeconds(30), clock);

  @Test
  void anOpenBreakerCountsDownToItsTrialAndThenReadsHalfOpen() {
    assertEquals(CircuitBreakerState.CLOSED, status.state());
    status.changedTo(CircuitBreakerState.OPEN);
    assertEquals(CircuitBreakerState.OPEN, status.state());
    assertEquals(Duration.ofSeconds(30), status.untilTrial());

    clock.now = clock.now.plusSeconds(20);
    assertEquals(Duration.ofSeconds(10), status.untilTrial());

    clock.now = clock.now.plusSeconds(10);
    assertEquals(CircuitBreakerState.HALF_OPEN, status.state());
    assertEquals(Duration.ZERO, status.untilTrial());
  }

  @Test
  void whileATrialRunsOthersAreToldTheWholePause() {
    status.changedTo(CircuitBreakerState.OPEN);
    status.changedTo(CircuitBreakerState.HALF_OPEN);
    assertEquals(CircuitBreakerState.HALF_OPEN, status.state());
    assertEquals(Duration.ofSeconds(30), status.untilTrial());
    status.changedTo(CircuitBreakerState.CLOSED);
    assertEquals(CircuitBreakerState.CLOSED, status.state());
  }
}
