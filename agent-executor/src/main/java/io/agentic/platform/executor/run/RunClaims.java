package io.agentic.platform.executor.run;

import io.agentic.platform.executor.outage.Dependency;
import io.agentic.platform.executor.outage.DependencyCalls;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.retry.Backoff;
import io.agentic.platform.executor.run.Verdict.Admitted;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Claims an admitted request's run. A run another delivery executes (a resend while it runs, or a
 * redelivery whose first delivery's replica died) is waited for here, holding the message, until it
 * ends (then its result is answered) or its lease runs out (then this delivery takes it over):
 * handing the message back instead would count toward its delivery limit.
 */
@ApplicationScoped
public class RunClaims {

  private static final Logger LOG = Logger.getLogger(RunClaims.class);

  // Looks at a busy run quickly at first: most runs end within seconds.
  static final Backoff BUSY_POLLS = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));

  private final RunStore store;
  private final LeaseKeeper leases;
  private final DependencyCalls calls;
  private final Clock clock;

  RunClaims(RunStore store, LeaseKeeper leases, DependencyCalls calls, Clock clock) {
    this.store = store;
    this.leases = leases;
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * The claim: {@link Claim.Owned}, {@link Claim.Finished} or {@link Claim.Conflict}, never busy.
   * Throws {@link DeadlinePassed} when the run's deadline passed while waiting.
   */
  Claim claim(Delivery delivery, Admitted admitted) throws InterruptedException {
    if (!store.keepsRuns()) {
      // Nothing to share the run with: each try of a one-shot run is its attempt of that number.
      return new Claim.Owned((int) delivery.deliveredCount());
    }
    Instant until = admitted.request().deadline().orElse(Instant.MAX);
    String sha256 = RequestDigest.sha256(delivery.payload());
    int polls = 0;
    while (true) {
      Claim claim =
          calls.call(
              Dependency.POSTGRESQL,
              until,
              () ->
                  store.claim(
                      admitted.request(),
                      sha256,
                      admitted.replySubject(),
                      delivery.pickedUpAt(),
                      leases.lease()));
      if (!(claim instanceof Claim.Busy busy)) {
        return claim;
      }
      Duration wait = BUSY_POLLS.after(++polls);
      if (busy.leaseRemaining().compareTo(wait) < 0) {
        wait = busy.leaseRemaining().plusMillis(50);
      }
      if (clock.instant().plus(wait).isAfter(until)) {
        throw new DeadlinePassed(
            "deadline "
                + until
                + " passed while another delivery of the same run was executing it");
      }
      Thread.sleep(wait.toMillis());
    }
  }

  /**
   * The end of this very request's run when it ended before (a one-shot run started again after it
   * finished, e.g. a restarted Job pod): its request may no longer be admitted (its deadline passed
   * since), but it has its result. Empty when the run did not end, holds another body, or the store
   * cannot be asked right now (then the refusal stands, as for a delivered request).
   */
  Optional<Claim.Finished> endedBefore(Delivery delivery, AgentRequest request) {
    try {
      return store.ended(request, RequestDigest.sha256(delivery.payload()));
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("run %s: could not look for its earlier end: %s", request.runId(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The run's deadline passed before this delivery could do its part. */
  static final class DeadlinePassed extends RuntimeException {
    DeadlinePassed(String message) {
      super(message, null, false, false);
    }
  }
}
