package io.agentic.platform.executor.run;

import java.time.Duration;

/** What claiming a run id in the run store found. */
public sealed interface Claim {

  /** This delivery owns the run and executes it; {@code attempt} counts from 1. */
  record Owned(int attempt) implements Claim {}

  /** The run already ended; its stored result event is published again instead. */
  record Finished(RunStatus status, String resultJson) implements Claim {}

  /** Another delivery is executing the run; retry after its lease ends. */
  record Busy(Duration leaseRemaining) implements Claim {}
}
