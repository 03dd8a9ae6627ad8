package io.agentic.platform.router.problem;

import jakarta.json.spi.JsonProvider;

/**
 * An RFC 9457 problem the router answers with instead of forwarding a request. {@code type} is a
 * stable identifier clients can match on; {@code detail} tells a person what to change. A positive
 * {@code retryAfterSeconds} is sent as {@code Retry-After}: the condition is expected to pass.
 */
public record Problem(int status, String type, String title, String detail, int retryAfterSeconds) {

  private static final String TYPE_BASE = "https://agentic.io/problems/sandbox-router/";

  /**
   * Looked up once: {@code Json.createObjectBuilder()} searches the class path for a provider on
   * every call, which made each rejected request cost several times a proxied one.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  public Problem(int status, String type, String title, String detail) {
    this(status, type, title, detail, 0);
  }

  public static Problem badHeader(String header, String detail) {
    return new Problem(400, TYPE_BASE + "bad-header", "Bad routing header", header + ": " + detail);
  }

  public static Problem badRequestTarget(String detail) {
    return new Problem(400, TYPE_BASE + "bad-request-target", "Bad request target", detail);
  }

  public static Problem unauthenticated(String detail) {
    return new Problem(401, TYPE_BASE + "unauthenticated", "Authentication required", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, TYPE_BASE + "forbidden", "Target not allowed", detail);
  }

  public static Problem unknownSandbox(String detail) {
    return new Problem(404, TYPE_BASE + "unknown-sandbox", "No such sandbox", detail);
  }

  public static Problem requestTimeout(String detail) {
    return new Problem(408, TYPE_BASE + "request-timeout", "Request body stalled", detail);
  }

  public static Problem bodyTooLarge(String detail) {
    return new Problem(413, TYPE_BASE + "body-too-large", "Request body too large", detail);
  }

  public static Problem upstreamRefused(String detail) {
    return new Problem(502, TYPE_BASE + "upstream-unavailable", "Sandbox unreachable", detail);
  }

  public static Problem upstreamNotReady(String detail) {
    return new Problem(503, TYPE_BASE + "upstream-not-ready", "Sandbox not ready", detail);
  }

  public static Problem shuttingDown(String detail) {
    return new Problem(503, TYPE_BASE + "shutting-down", "Router shutting down", detail);
  }

  public static Problem upstreamBusy(String detail, int retryAfterSeconds) {
    return new Problem(503, TYPE_BASE + "upstream-busy", "Sandbox busy", detail, retryAfterSeconds);
  }

  public static Problem tooManyConnections(String detail, int retryAfterSeconds) {
    return new Problem(
        503, TYPE_BASE + "too-many-connections", "Router busy", detail, retryAfterSeconds);
  }

  /** A fault of the router itself; the detail never carries the exception's text. */
  public static Problem internalError() {
    return new Problem(
        500,
        TYPE_BASE + "internal-error",
        "Router error",
        "the router failed to handle the request; it has been logged");
  }

  public static Problem upstreamTimeout(String detail) {
    return new Problem(504, TYPE_BASE + "upstream-timeout", "Sandbox timed out", detail);
  }

  public String toJson() {
    return JSON.createObjectBuilder()
        .add("type", type)
        .add("title", title)
        .add("status", status)
        .add("detail", detail)
        .build()
        .toString();
  }
}
