package io.agentic.platform.memory.problem;

import java.time.Duration;
import java.util.Optional;

/**
 * An RFC 9457 problem the gateway answers with. {@code type} is a stable identifier clients can
 * match on; {@code detail} tells a person what to change. {@code retryAfter}, when present, becomes
 * the Retry-After header.
 */
public record Problem(
    int status, String type, String title, String detail, Optional<Duration> retryAfter) {

  private static final String TYPE_BASE = "https://agentic.io/problems/memory-gateway/";

  public Problem(int status, String slug, String title, String detail) {
    this(status, TYPE_BASE + slug, title, detail, Optional.empty());
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "invalid-request", "Invalid request", detail);
  }

  public static Problem tooLarge(String detail) {
    return new Problem(413, "too-large", "Request too large", detail);
  }

  public static Problem unauthenticated(String detail) {
    return new Problem(401, "unauthenticated", "Authentication required", detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Forbidden", detail);
  }

  public static Problem tooManyRequests(String detail, Duration retryAfter) {
    return new Problem(
        429, TYPE_BASE + "too-many-requests", "Too many requests", detail, Optional.of(retryAfter));
  }

  /** A request that arrived while the gateway stops; another replica will take it. */
  public static Problem shuttingDown() {
    return new Problem(
        503,
        TYPE_BASE + "shutting-down",
        "Shutting down",
        "this gateway is stopping; send the request again",
        Optional.of(Duration.ofSeconds(1)));
  }

  public static Problem internalError() {
    return new Problem(500, "internal-error", "Internal error", "the gateway failed unexpectedly");
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  public static Problem notSupported(String detail) {
    return new Problem(501, "not-supported", "Not supported by this EverMemOS", detail);
  }

  public static Problem upstreamRejected(String detail) {
    return new Problem(422, "upstream-rejected", "EverMemOS rejected the request", detail);
  }

  public static Problem upstreamError(String detail) {
    return new Problem(502, "upstream-error", "EverMemOS failed", detail);
  }

  public static Problem upstreamUnavailable(String detail, Duration retryAfter) {
    return new Problem(
        503,
        TYPE_BASE + "upstream-unavailable",
        "EverMemOS unavailable",
        detail,
        Optional.of(retryAfter));
  }

  public static Problem upstreamTimeout(String detail) {
    return new Problem(504, "upstream-timeout", "EverMemOS timed out", detail);
  }

  public ProblemException asException() {
    return new ProblemException(this);
  }
}
