package io.agentic.platform.executor.request;

import io.agentic.platform.executor.run.FailureReason;

/** A request that can never succeed, whatever the number of attempts: it is dead-lettered. */
public class RejectedRequest extends RuntimeException {

  private final FailureReason reason;

  public RejectedRequest(FailureReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
