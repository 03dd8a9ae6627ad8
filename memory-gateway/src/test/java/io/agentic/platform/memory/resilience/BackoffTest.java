package io.agentic.platform.memory.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** A generator stuck at one value, to see the ends of the jitter range. */
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.2);

  @Test
  void doublesPerRetryUpToTheMaximum() {
    RandomGenerator middle = fixed(0.5);
    assertEquals(Duration.ofMillis(200), backoff.before(1, middle));
    assertEquals(Duration.ofMillis(400), backoff.before(2, middle));
    assertEquals(Duration.ofMillis(800), backoff.before(3, middle));
    assertEquals(Duration.ofMillis(1600), backoff.before(4, middle));
    assertEquals(Duration.ofSeconds(2), backoff.before(5, middle));
    assertEquals(Duration.ofSeconds(2), backoff.before(1_000, middle));
  }

  @Test
  void jitterMovesEachWaitByAtMostItsFraction() {
    assertEquals(Duration.ofMillis(160), backoff.before(1, fixed(0)));
    assertEquals(Duration.ofMillis(320), backoff.before(2, fixed(0)));
    assertTrue(backoff.before(1, fixed(0.999_999)).compareTo(Duration.ofMillis(240)) <= 0);
    assertTrue(backoff.before(1, fixed(0.999_999)).compareTo(Duration.ofMillis(239)) > 0);
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    for (int retry = 1; retry < 64; retry++) {
      assertTrue(backoff.before(retry, fixed(0.999_999)).compareTo(Duration.ofSeconds(2)) <= 0);
    }
  }

  @Test
  void refusesNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 1.5));
    assertThrows(IllegalArgumentException.class, () -> backoff.before(0, fixed(0.5)));
  }
}
