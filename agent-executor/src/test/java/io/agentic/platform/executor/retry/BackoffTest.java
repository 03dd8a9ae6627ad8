package io.agentic.platform.executor.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void doublesFromTheInitialWaitUpToTheMaximum() {
    assertEquals(Duration.ofMillis(100), backoff.after(1));
    assertEquals(Duration.ofMillis(200), backoff.after(2));
    assertEquals(Duration.ofMillis(800), backoff.after(4));
    assertEquals(Duration.ofSeconds(1), backoff.after(5));
  }

  @Test
  void neverOverflowsHoweverManyFailures() {
    assertEquals(Duration.ofSeconds(1), backoff.after(Long.MAX_VALUE));
    assertEquals(Duration.ofMillis(100), backoff.after(0));
    Backoff huge = new Backoff(Duration.ofDays(1000), Duration.ofDays(100_000));
    assertEquals(Duration.ofDays(100_000), huge.after(40));
  }

  @Test
  void refusesAMaximumBelowTheInitialWait() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
