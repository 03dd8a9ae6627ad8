package io.agentic.platform.memory.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops calling an upstream that keeps failing. After {@code failureThreshold} consecutive failures
 * the breaker opens and rejects calls for {@code openFor}; then it lets a single trial call through
 * (half-open): success closes it, failure opens it again.
 */
public final class CircuitBreaker {

  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final Duration openFor;
  private final Clock clock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Instant openUntil = Instant.MIN;
  private boolean trialInFlight;

  public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("the failure threshold must be at least 1");
    }
    this.failureThreshold = failureThreshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /**
   * Asks to make a call. Empty means go ahead (and report the outcome); otherwise the time until
   * the breaker will let a call through again.
   */
  public synchronized Optional<Duration> tryAcquire() {
    Instant now = clock.instant();
    if (state == State.OPEN) {
      if (now.isBefore(openUntil)) {
        return Optional.of(Duration.between(now, openUntil));
      }
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    if (state == State.HALF_OPEN) {
      if (trialInFlight) {
        return Optional.of(openFor);
      }
      trialInFlight = true;
    }
    return Optional.empty();
  }

  public synchronized void onSuccess() {
    state = State.CLOSED;
    consecutiveFailures = 0;
    trialInFlight = false;
  }

  public synchronized void onFailure() {
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
      state = State.OPEN;
      openUntil = clock.instant().plus(openFor);
      trialInFlight = false;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
