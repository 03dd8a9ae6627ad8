package io.agentic.platform.executor.outage;

import io.agentic.platform.executor.observe.RunMetrics;
import io.agentic.platform.executor.retry.Backoff;
import io.agentic.platform.executor.retry.TimeLeft;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Which dependencies are down right now. A run whose PostgreSQL, Redis or NATS call failed marks
 * the dependency down and waits here until it is back, keeping its message (in-progress signals go
 * on) instead of handing it back: a delivery handed back counts toward the request's delivery
 * limit, and an outage is not the request's fault. While anything is down the consumer pulls
 * nothing new, probes what is down, and readiness says what and why.
 */
@ApplicationScoped
public class Dependencies {

  private static final Logger LOG = Logger.getLogger(Dependencies.class);

  private final DependencyProbes probes;
  private final RunMetrics metrics;
  private final Clock clock;
  private final Map<Dependency, String> down = new EnumMap<>(Dependency.class);

  Dependencies(DependencyProbes probes, RunMetrics metrics, Clock clock) {
    this.probes = probes;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Records that a call to {@code dependency} failed and it did not answer a probe either. */
  public void failed(Dependency dependency, Exception cause) {
    String reason = reason(cause);
    synchronized (down) {
      if (down.put(dependency, reason) == null) {
        LOG.warnf(
            "%s is unavailable (%s); runs that need it wait for it, and no new requests are"
                + " taken until it is back",
            dependency.label(), reason);
        metrics.dependencyDown(dependency, true);
      }
    }
  }

  public boolean allUp() {
    synchronized (down) {
      return down.isEmpty();
    }
  }

  /** What is down and why, for readiness. */
  public Map<Dependency, String> down() {
    synchronized (down) {
      return Map.copyOf(down);
    }
  }

  /**
   * Probes {@code dependency} now: true when it answers (and it is marked up), false when it does
   * not (and it is marked down).
   */
  public boolean probe(Dependency dependency) {
    try {
      probes.check(dependency);
      recovered(dependency);
      return true;
    } catch (Exception e) {
      failed(dependency, e);
      return false;
    }
  }

  /** Probes every dependency that is down; what answers is marked up. */
  public void probeDown() {
    for (Dependency dependency : down().keySet()) {
      probe(dependency);
    }
  }

  /**
   * Waits until {@code dependency} is up, probing it with {@code backoff}-spaced attempts, or until
   * {@code until}. False when {@code until} came first.
   */
  public boolean awaitUp(Dependency dependency, Instant until, Backoff backoff)
      throws InterruptedException {
    int failures = 0;
    while (true) {
      if (probe(dependency)) {
        return true;
      }
      Duration wait = backoff.after(++failures);
      Instant now = clock.instant();
      if (!now.isBefore(until)) {
        return false;
      }
      Thread.sleep(TimeLeft.until(now, until, wait).toMillis());
    }
  }

  private void recovered(Dependency dependency) {
    synchronized (down) {
      if (down.remove(dependency) != null) {
        LOG.infof("%s is back; taking requests again", dependency.label());
        metrics.dependencyDown(dependency, false);
      }
    }
  }

  private static String reason(Exception cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
