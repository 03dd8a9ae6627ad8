package io.agentic.platform.bridge.pipeline;

import io.agentic.platform.bridge.BridgeConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, as the Collector's exporters do it: the n-th retry waits {@code
 * min(initial * multiplier^n, max)}, randomized by ± {@code randomization} of itself.
 */
record Backoff(Duration initial, Duration max, double multiplier, double randomization) {

  static Backoff of(BridgeConfig.Retry retry) {
    return new Backoff(
        retry.initialInterval(),
        retry.maxInterval(),
        retry.multiplier(),
        retry.randomizationFactor());
  }

  /** The wait before retry number {@code retry} (0 for the first). */
  Duration delay(int retry) {
    return delay(retry, ThreadLocalRandom.current().nextDouble());
  }

  /** {@code random} in [0, 1) picks where in the randomized range the wait falls. */
  Duration delay(int retry, double random) {
    double interval = initial.toMillis() * Math.pow(multiplier, retry);
    interval = Math.min(interval, max.toMillis());
    double jittered = interval * (1 + randomization * (2 * random - 1));
    return Duration.ofMillis(Math.max(0, Math.round(jittered)));
  }
}
