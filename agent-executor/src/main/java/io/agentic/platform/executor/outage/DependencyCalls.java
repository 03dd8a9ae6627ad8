package io.agentic.platform.executor.outage;

import io.agentic.platform.executor.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Calls a dependency on a run thread and rides out its outages: a failed call is tried again once
 * the dependency answers a probe, for as long as the run may still finish ({@code until}). A call
 * that keeps failing while its dependency answers probes is not an outage but a failure of the call
 * itself, and surfaces as {@link CallFailed}.
 */
@ApplicationScoped
public class DependencyCalls {

  private static final Logger LOG = Logger.getLogger(DependencyCalls.class);
  // Probes while waiting: quick at first (most outages are a restart), then every few seconds.
  static final Backoff PROBES = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
  private static final int FAILURES_WHILE_UP = 3;

  private final Dependencies dependencies;

  DependencyCalls(Dependencies dependencies) {
    this.dependencies = dependencies;
  }

  public <T> T call(Dependency dependency, Instant until, Callable<T> call)
      throws InterruptedException {
    int failuresWhileUp = 0;
    while (true) {
      try {
        return call.call();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception failure) {
        if (Thread.interrupted()) {
          throw new InterruptedException("stopped while calling " + dependency.label());
        }
        if (dependencies.probe(dependency)) {
          if (++failuresWhileUp >= FAILURES_WHILE_UP) {
            throw new CallFailed(dependency, failure);
          }
          LOG.debugf("%s call failed but it answers; trying again: %s", dependency, failure);
          Thread.sleep(PROBES.after(failuresWhileUp).toMillis());
        } else if (!dependencies.awaitUp(dependency, until, PROBES)) {
          throw new OutageOutlasted(dependency, failure);
        }
      }
    }
  }

  /** {@link #call} for a call without a result. */
  public void run(Dependency dependency, Instant until, Step step) throws InterruptedException {
    call(
        dependency,
        until,
        () -> {
          step.run();
          return null;
        });
  }

  /** A call without a result that may throw. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** The dependency was still down when the run's time ran out. */
  public static final class OutageOutlasted extends RuntimeException {
    OutageOutlasted(Dependency dependency, Exception last) {
      super(
          dependency.label() + " was unavailable until the run's deadline: " + last.getMessage(),
          null,
          false,
          false);
    }
  }

  /** The dependency answers, but this call fails every time: a fault, not an outage. */
  public static final class CallFailed extends RuntimeException {
    CallFailed(Dependency dependency, Exception cause) {
      super(dependency.label() + " call failed while it answered probes: " + cause, cause);
    }
  }
}
