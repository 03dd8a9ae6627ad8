package io.agentic.platform.memory.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.testsupport.ManualClock;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BreakerStatusTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final BreakerStatus status = new BreakerStatus(Duration.ofSeconds(30), clock);

  @Test
  void anOpenBreakerCountsDownToItsTrialAndThenReadsHalfOpen() {
    assertEquals(CircuitBreakerState.CLOSED, status.state());
    status.changedTo(CircuitBreakerState.OPEN);
    assertEquals(CircuitBreakerState.OPEN, status.state());
    assertEquals(Duration.ofSeconds(30), status.untilTrial());

    clock.advance(Duration.ofSeconds(20));
    assertEquals(Duration.ofSeconds(10), status.untilTrial());

    clock.advance(Duration.ofSeconds(10));
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
