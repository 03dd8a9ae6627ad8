package io.agentic.platform.executor.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed LLM call. Retryable failures (429, 5xx, timeouts, connection errors) may succeed later;
 * the others (a rejected request, a bad key) never will.
 */
public class LlmFailure extends RuntimeException {

  private final boolean retryable;
  private final int status;
  private final Optional<Duration> retryAfter;

  LlmFailure(String message, boolean retryable, int status, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  static LlmFailure transport(Throwable cause) {
    return new LlmFailure(
        "LLM call failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
        true,
        0,
        Optional.empty());
  }

  public boolean retryable() {
    return retryable;
  }

  /** HTTP status, 0 when no response arrived. */
  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
