package io.agentic.platform.executor.run;

import io.agentic.platform.executor.outage.Dependency;
import io.agentic.platform.executor.outage.DependencyCalls;
import io.agentic.platform.executor.retry.Backoff;
import io.agentic.platform.executor.run.Verdict.Admitted;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Claims an admitted request's run. A run another delivery executes (a resend while it runs, or a
 * redelivery whose first delivery's replica died) is waited for here, holding the message, until it
 * ends (then its result is answered) or its lease runs out (then this delivery takes it over):
 * handing the message back instead would count toward its delivery limit.
 */
@ApplicationScoped
public class RunClaims {

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

  /** The run's deadline passed before this delivery could do its part. */
  static final class DeadlinePassed extends RuntimeException {
    DeadlinePassed(String message) {
      super(message, null, false, false);
    }
  }
}
