package io.agentic.platform.executor.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed LLM call. Retryable failures (429, 5xx, timeouts, connection errors) may succeed later;
 * the others (a rejected request, a bad key) never will.
 */
public class LlmFailure extends RuntimeException {

  private final boolean retryable;
  private final boolean gaveUp;
  private final int status;
  private final Optional<Duration> retryAfter;

  LlmFailure(String message, boolean retryable, int status, Optional<Duration> retryAfter) {
    this(message, retryable, false, status, retryAfter);
  }

  private LlmFailure(
      String message,
      boolean retryable,
      boolean gaveUp,
      int status,
      Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.gaveUp = gaveUp;
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

  /** This retryable failure, as the last one before the call gave up retrying. */
  LlmFailure givenUp() {
    return new LlmFailure(getMessage(), retryable, true, status, retryAfter);
  }

  /**
   * The provider kept failing with retryable errors until the run's deadline or the outage window:
   * retrying the run later would only repeat that.
   */
  public boolean gaveUp() {
    return gaveUp;
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
