package io.agentic.platform.executor.run;

import java.time.Duration;

/** What claiming a run id in the run store found. */
public sealed interface Claim {

  /** This delivery owns the run and executes it; {@code attempt} counts from 1. */
  record Owned(int attempt) implements Claim {}

  /**
   * The run already ended; its stored result event is published again instead, to the subject it
   * went to first ({@code replySubject}, null for runs stored before the subject was kept).
   */
  record Finished(RunStatus status, String resultJson, String replySubject) implements Claim {}

  /** The run id of this tenant was sent before with another request body. */
  record Conflict() implements Claim {}

  /** Another delivery is executing the run; retry after its lease ends. */
  record Busy(Duration leaseRemaining) implements Claim {}
}
