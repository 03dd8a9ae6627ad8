package io.agentic.platform.router.proxy;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Follows one caller request to its end, however it ends (response complete, caller gone, reset),
 * and then records it exactly once: metrics and the access-log line. It also owns the single close
 * handler of the response, so whoever proxies the request registers its cancellation here.
 */
final class ExchangeObserver {

  private static final Logger LOG = Logger.getLogger(ExchangeObserver.class);

  private final HttpServerRequest request;
  private final ProxyMetrics metrics;
  private final AccessLog accessLog;
  private final long started = System.nanoTime();

  private SandboxTarget target;
  private String outcome = "proxied";
  private Runnable onCallerGone = () -> {};
  private boolean recorded;
  private boolean faulted;

  ExchangeObserver(HttpServerRequest request, ProxyMetrics metrics, AccessLog accessLog) {
    this.request = request;
    this.metrics = metrics;
    this.accessLog = accessLog;
    metrics.requestOpened();
    HttpServerResponse response = request.response();
    response.endHandler(ended -> record());
    response.closeHandler(
        closed -> {
          if (!response.ended()) {
            outcome = "caller-gone";
            onCallerGone.run();
          }
          record();
        });
  }

  void target(SandboxTarget target) {
    this.target = target;
  }

  /** Answers the caller with a problem instead of a sandbox response, unless one already began. */
  void answer(Problem problem) {
    write(problem);
  }

  /**
   * Answers like {@link #answer} and then closes an HTTP/1.x connection, announced by {@code
   * Connection: close}: for a caller whose next request should reach another replica, or whose
   * unread body is given up. (An HTTP/2 stream ends with its answer.)
   */
  void answerAndClose(Problem problem) {
    if (request.version() == HttpVersion.HTTP_2) {
      write(problem);
      return;
    }
    request.response().putHeader("Connection", "close");
    write(problem).onComplete(written -> request.connection().close());
  }

  /**
   * The router itself failed while handling the request (a bug, not the caller's or the sandbox's
   * doing): logs it once and answers 500, or resets the response when its head has gone out
   * already, so the caller never waits on a request nobody handles any more.
   */
  void fault(Throwable cause) {
    if (faulted) {
      return;
    }
    faulted = true;
    // Method and path only: headers and the query string may carry credentials.
    LOG.errorf(cause, "Unexpected failure handling %s %s", request.method(), request.path());
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      if (!response.ended() && !response.closed()) {
        response.reset();
      }
      return;
    }
    // Whatever was copied from the sandbox's answer so far is not part of the router's.
    response.headers().clear();
    answerAndClose(Problem.internalError());
  }

  private Future<Void> write(Problem problem) {
    HttpServerResponse response = request.response();
    if (response.headWritten() || response.closed()) {
      return Future.succeededFuture();
    }
    outcome = problem.type().substring(problem.type().lastIndexOf('/') + 1);
    request.resume();
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
    }
    return response
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(problem.toJson());
  }

  void onCallerGone(Runnable cancel) {
    this.onCallerGone = cancel;
  }

  /** The response stream was cut because nothing moved for the idle timeout. */
  void streamIdle() {
    outcome = "stream-idle";
  }

  /** The connection became a WebSocket tunnel; the tunnel reports when it is over. */
  void tunnelled() {
    outcome = "websocket";
  }

  /** Records the exchange; later calls do nothing. */
  void record() {
    if (recorded) {
      return;
    }
    recorded = true;
    HttpServerResponse response = request.response();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    metrics.requestCompleted(request.method().name(), response.getStatusCode(), elapsed);
    metrics.bytes(true, request.bytesRead());
    metrics.bytes(false, response.bytesWritten());
    accessLog.record(request, target, outcome, elapsed);
    // Last: a shutdown that waits for no request to be active also finds every one recorded.
    metrics.requestClosed();
  }
}
