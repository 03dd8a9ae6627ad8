package io.agentic.platform.router.proxy;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.routing.SandboxTarget;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Classifies why talking to a sandbox failed. */
final class UpstreamFailure {

  private UpstreamFailure() {}

  /** True when the connection was never established, so nothing was sent and a retry is safe. */
  static boolean beforeAnyByteSent(Throwable cause) {
    return (cause instanceof ConnectException && !isConnectTimeout(cause))
        || cause instanceof UnknownHostException;
  }

  /** How soon a caller turned away by a busy pool is asked to try again. */
  static final int BUSY_RETRY_AFTER_SECONDS = 1;

  /**
   * Every pooled connection to the sandbox stayed busy: the wait queue was full, or the wait for a
   * connection (the request's connect timeout, which counts from asking the pool) ran out.
   */
  static final class PoolBusy extends RuntimeException {
    PoolBusy(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** Whether a failure to obtain a request means the sandbox's connection pool stayed busy. */
  static boolean poolBusy(Throwable cause) {
    return cause instanceof TimeoutException
        || cause.getClass().getSimpleName().equals("ConnectionPoolTooBusyException");
  }

  /** A short, bounded label for metrics: why the connection could not be used. */
  static String reason(Throwable cause) {
    if (poolBusy(cause)) {
      return "pool-busy";
    }
    if (cause instanceof UnknownHostException) {
      return "unresolved";
    }
    if (isConnectTimeout(cause)) {
      return "connect-timeout";
    }
    return cause instanceof ConnectException ? "refused" : "closed";
  }

  static Problem problem(Throwable cause, SandboxTarget target) {
    String where = "sandbox '" + target.id() + "' in namespace '" + target.namespace() + "'";
    if (cause instanceof PoolBusy) {
      return Problem.upstreamBusy(
          where + " has all its connections busy; try again shortly", BUSY_RETRY_AFTER_SECONDS);
    }
    if (cause instanceof UnknownHostException) {
      return Problem.upstreamNotReady(where + " has no address yet (its Service does not resolve)");
    }
    if (isConnectTimeout(cause)) {
      return Problem.upstreamTimeout(where + " did not accept a connection in time");
    }
    if (cause instanceof ConnectException) {
      return Problem.upstreamRefused(where + " refused the connection on port " + target.port());
    }
    if (cause instanceof TimeoutException) {
      // Connected, but the sandbox stayed silent for the whole idle time (a WebSocket handshake).
      return Problem.upstreamTimeout(where + " did not answer in time");
    }
    return Problem.upstreamRefused(where + " closed the connection before answering");
  }

  private static boolean isConnectTimeout(Throwable cause) {
    return cause.getClass().getSimpleName().equals("ConnectTimeoutException");
  }
}
