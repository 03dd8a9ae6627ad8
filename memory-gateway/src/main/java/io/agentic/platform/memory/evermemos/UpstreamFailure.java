package io.agentic.platform.memory.evermemos;

import io.agentic.platform.memory.problem.Problem;
import java.time.Duration;
import java.util.Optional;

/**
 * Why one upstream attempt failed, before it is turned into the gateway's own problem. Details name
 * status codes only: EverMemOS's messages and internals never reach the caller.
 */
final class UpstreamFailure extends RuntimeException {

  enum Kind {
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    SERVER_ERROR("server_error"),
    BUSY("busy"),
    REJECTED("rejected"),
    NOT_FOUND("not_found"),
    INVALID_RESPONSE("invalid_response"),
    BREAKER_OPEN("breaker_open"),
    BULKHEAD_FULL("bulkhead_full");

    final String outcome;

    Kind(String outcome) {
      this.outcome = outcome;
    }
  }

  private final Kind kind;
  private final int status;

  /** When EverMemOS said it can take the call again (its Retry-After), or when the breaker will. */
  private final Optional<Duration> retryAfter;

  /** The failed call may not be sent again (it is not idempotent). */
  private final boolean sentOnce;

  private UpstreamFailure(Kind kind, int status, Optional<Duration> retryAfter, boolean sentOnce) {
    super(kind.outcome, null, false, false);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.sentOnce = sentOnce;
  }

  static UpstreamFailure of(Kind kind) {
    return new UpstreamFailure(kind, 0, Optional.empty(), false);
  }

  static UpstreamFailure status(Kind kind, int status, Optional<Duration> retryAfter) {
    return new UpstreamFailure(kind, status, retryAfter, false);
  }

  static UpstreamFailure breakerOpen(Duration retryAfter) {
    return new UpstreamFailure(Kind.BREAKER_OPEN, 0, Optional.of(retryAfter), false);
  }

  /** The same failure of a call that must not be sent twice: never retried. */
  UpstreamFailure sentOnce() {
    return new UpstreamFailure(kind, status, retryAfter, true);
  }

  Kind kind() {
    return kind;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** Worth another attempt: the call is idempotent and the upstream may answer next time. */
  boolean retryable() {
    if (sentOnce) {
      return false;
    }
    return switch (kind) {
      case UNREACHABLE, BUSY -> true;
      case SERVER_ERROR -> status == 500 || status == 502 || status == 503 || status == 504;
      default -> false;
    };
  }

  /** Counts against the upstream's health in the circuit breaker. */
  boolean upstreamFault() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT || kind == Kind.SERVER_ERROR;
  }

  Problem toProblem(String operation, Duration retryAfterHint) {
    Duration told = retryAfter.orElse(Duration.ofSeconds(1));
    Duration wait = retryAfterHint.compareTo(told) > 0 ? retryAfterHint : told;
    return switch (kind) {
      case UNREACHABLE ->
          Problem.upstreamUnavailable(
              "EverMemOS could not be reached for " + operation + "; try again later", wait);
      case BREAKER_OPEN ->
          Problem.upstreamUnavailable(
              "EverMemOS is failing; calls are paused for a while to let it recover", wait);
      case BULKHEAD_FULL ->
          Problem.upstreamUnavailable(
              "too many calls to EverMemOS are in flight; try again shortly", wait);
      case BUSY ->
          Problem.upstreamUnavailable(
              "EverMemOS is rate limiting (HTTP 429); try again later", wait);
      case TIMEOUT -> Problem.upstreamTimeout("EverMemOS did not answer " + operation + " in time");
      case SERVER_ERROR ->
          Problem.upstreamError("EverMemOS failed to " + operation + " (HTTP " + status + ")");
      case INVALID_RESPONSE ->
          Problem.upstreamError("EverMemOS answered " + operation + " with an unreadable response");
      case NOT_FOUND ->
          Problem.notFound("EverMemOS has nothing to " + operation + " for this request");
      case REJECTED ->
          status == 401 || status == 403
              ? Problem.upstreamError(
                  "EverMemOS refused the gateway's credentials (HTTP " + status + ")")
              : Problem.upstreamRejected(
                  "EverMemOS rejected the " + operation + " request (HTTP " + status + ")");
    };
  }
}
