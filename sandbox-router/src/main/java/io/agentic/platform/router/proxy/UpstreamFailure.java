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

  /** A short, bounded label for metrics: why the connection could not be used. */
  static String reason(Throwable cause) {
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
