package io.agentic.platform.memory.resilience;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the circuit breaker in front of EverMemOS is doing, kept from the state changes it reports:
 * for readiness, the metric, and the Retry-After of the calls it refuses. An open breaker lets a
 * trial call through once {@code openFor} has passed, so from then on it reads as half-open.
 */
public final class BreakerStatus {

  private final Duration openFor;
  private final Clock clock;
  private volatile CircuitBreakerState reported = CircuitBreakerState.CLOSED;
  private volatile Instant openedAt = Instant.MIN;

  public BreakerStatus(Duration openFor, Clock clock) {
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Called by the breaker on each change of state. */
  public void changedTo(CircuitBreakerState state) {
    if (state == CircuitBreakerState.OPEN) {
      openedAt = clock.instant();
    }
    reported = state;
  }

  public CircuitBreakerState state() {
    CircuitBreakerState state = reported;
    if (state == CircuitBreakerState.OPEN && !clock.instant().isBefore(trialAt())) {
      return CircuitBreakerState.HALF_OPEN;
    }
    return state;
  }

  /** How long until the breaker lets a call through again; the whole pause unless it is open. */
  public Duration untilTrial() {
    if (reported != CircuitBreakerState.OPEN) {
      return openFor;
    }
    Duration left = Duration.between(clock.instant(), trialAt());
    return left.isNegative() ? Duration.ZERO : left;
  }

  private Instant trialAt() {
    return openedAt.plus(openFor);
  }
}
