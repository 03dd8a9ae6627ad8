package io.agentic.platform.router.proxy;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.routing.SandboxTarget;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * One request on its way to a sandbox and back. Bodies stream in both directions with back-pressure
 * and are never buffered whole. Only the connection attempt is retried: once a byte has been sent,
 * a failure is reported, not repeated.
 */
final class ProxiedExchange implements TimeoutSweep.Timed {

  /** What the exchange is waiting for, which decides the timeout that applies. */
  private enum Phase {
    /** The dial; the connect timeout applies. */
    DIALING,
    /** The rest of the caller's body; it must keep arriving (idle timeout). */
    SENDING,
    /** The sandbox's response headers (response timeout). */
    AWAITING,
    /** The response body; it must keep moving (idle timeout). */
    STREAMING,
    DONE
  }

  private final UpstreamDialer dialer;
  private final HttpServerRequest request;
  private final SandboxTarget target;
  private final ExchangeObserver observer;
  private final TimeoutSweep sweep;
  private final long maxBodySize;
  private final Duration idleTimeout;
  private final ForwardedHeaders forwardedHeaders;

  private Phase phase = Phase.DIALING;
  private int sweepSlot = -1;
  private Duration responseTimeout;
  private HttpClientRequest upstreamRequest;
  private HttpClientResponse upstreamResponse;

  /**
   * The router answered the caller itself (a timeout, the body limit): what the sandbox does from
   * then on no longer reaches the caller.
   */
  private boolean answered;

  /** When the awaited event of the phase was due to start, or bytes last moved. */
  private long phaseSince;

  private long bytesAtLastCheck;

  ProxiedExchange(
      UpstreamDialer dialer,
      HttpServerRequest request,
      SandboxTarget target,
      ExchangeObserver observer,
      TimeoutSweep sweep,
      long maxBodySize,
      Duration idleTimeout,
      ForwardedHeaders forwardedHeaders) {
    this.dialer = dialer;
    this.request = request;
    this.target = target;
    this.observer = observer;
    this.sweep = sweep;
    this.maxBodySize = maxBodySize;
    this.idleTimeout = idleTimeout;
    this.forwardedHeaders = forwardedHeaders;
  }

  void start(RequestOptions options, Handler<MultiMap> headers, Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
    dialer
        .dial(options, headers, request)
        .onSuccess(guarded(this::forward))
        .onFailure(guarded(this::fail));
  }

  private void forward(HttpClientRequest upstreamRequest) {
    this.upstreamRequest = upstreamRequest;
    // Failures reach the response future handled below; without a handler Vert.x logs each one.
    upstreamRequest.exceptionHandler(ignored -> {});
    // A client that goes away cancels the sandbox request rather than leaving it running.
    observer.onCallerGone(upstreamRequest::reset);
    enter(Phase.SENDING, request.bytesRead());
    sweep.join(this);
    sendBody(upstreamRequest, this::bodySent)
        .onComplete(
            guarded(
                done -> {
                  if (done.failed()) {
                    fail(done.cause());
                  } else {
                    relay(done.result());
                  }
                }));
  }

  private Future<HttpClientResponse> sendBody(
      HttpClientRequest upstreamRequest, Runnable bodySent) {
    // HTTP/1.x announces a body with Content-Length or Transfer-Encoding; HTTP/2 only by not
    // ending the stream.
    boolean hasBody =
        request.getHeader("Content-Length") != null
            || (request.version() == HttpVersion.HTTP_2
                ? !request.isEnded()
                : request.getHeader("Transfer-Encoding") != null);
    if (!hasBody) {
      request.resume();
      bodySent.run();
      return upstreamRequest.send();
    }
    if (request.getHeader("Content-Length") == null) {
      upstreamRequest.setChunked(true);
    }
    return upstreamRequest.send(
        new ForwardedBody(
            request,
            maxBodySize,
            () -> {
              // Still SENDING: the rest of the body is read and let go, and a caller that stalls
              // before its end is cut off as before.
              answered = true;
              upstreamRequest.reset();
              observer.answer(ForwardedBody.tooLarge(maxBodySize));
            },
            bodySent));
  }

  private void relay(HttpClientResponse upstreamResponse) {
    this.upstreamResponse = upstreamResponse;
    HttpServerResponse response = request.response();
    int status = upstreamResponse.statusCode();
    response.setStatusCode(status);
    String reason = upstreamResponse.statusMessage();
    // A reason of its own only when it differs: the standard one is written from cached bytes.
    if (reason != null && !reason.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
      response.setStatusMessage(reason);
    }
    forwardedHeaders.toClient(upstreamResponse.headers(), response.headers());
    if (!response.headers().contains("Content-Length")
        && request.version() == HttpVersion.HTTP_1_1
        && hasBody(status)) {
      response.setChunked(true);
    }
    enter(Phase.STREAMING, response.bytesWritten());
    // Relayed by hand rather than through a Pipe, which asks to hear about every single write.
    upstreamResponse.handler(
        guarded(
            chunk -> {
              response.write(chunk);
              if (response.writeQueueFull()) {
                // Back-pressure: the sandbox's side waits while the caller reads slowly.
                upstreamResponse.pause();
                response.drainHandler(drained -> upstreamResponse.resume());
              }
            }));
    upstreamResponse.endHandler(
        guarded(
            ended -> {
              finish();
              response.end();
            }));
    // A sandbox that fails mid-body must not look like a complete response: reset, never end.
    upstreamResponse.exceptionHandler(
        guarded(
            failure -> {
              finish();
              if (!response.ended() && !response.closed()) {
                response.reset();
              }
            }));
  }

  /**
   * The response timeout counts from here, unless the sandbox began to answer already. Past the
   * body limit, the exchange ends here: the rest of the body has been let go.
   */
  private void bodySent() {
    if (answered) {
      finish();
    } else if (phase == Phase.SENDING) {
      enter(Phase.AWAITING, 0);
    }
  }

  private void enter(Phase next, long bytesMark) {
    phase = next;
    phaseSince = System.nanoTime();
    bytesAtLastCheck = bytesMark;
  }

  @Override
  public void checkTimeouts(long nowNanos) {
    if (request.response().closed()) {
      // The caller is gone; its close handler has cancelled the sandbox request.
      finish();
      return;
    }
    switch (phase) {
      case SENDING -> {
        if (!moved(request.bytesRead(), nowNanos) && expired(idleTimeout, nowNanos)) {
          // The caller stalled, not the sandbox. The rest of that body will not be read, so the
          // caller's connection goes as well.
          timeOut(
              Problem.requestTimeout(
                  "the request body stopped arriving for " + idleTimeout.toSeconds() + " s"),
              true);
        }
      }
      case AWAITING -> {
        if (expired(responseTimeout, nowNanos)) {
          timeOut(
              Problem.upstreamTimeout(
                  "sandbox '"
                      + target.id()
                      + "' in namespace '"
                      + target.namespace()
                      + "' sent no response within "
                      + responseTimeout.toSeconds()
                      + " s"),
              false);
        }
      }
      case STREAMING -> {
        if (!moved(request.response().bytesWritten(), nowNanos) && expired(idleTimeout, nowNanos)) {
          observer.streamIdle();
          finish();
          upstreamResponse.request().reset();
        }
      }
      default -> finish();
    }
  }

  /** Whether the byte count changed since the last check; if so, the idle time starts again. */
  private boolean moved(long bytes, long nowNanos) {
    if (bytes == bytesAtLastCheck) {
      return false;
    }
    bytesAtLastCheck = bytes;
    phaseSince = nowNanos;
    return true;
  }

  private boolean expired(Duration timeout, long nowNanos) {
    return nowNanos - phaseSince >= timeout.toNanos();
  }

  private void timeOut(Problem problem, boolean closeConnection) {
    answered = true;
    finish();
    if (closeConnection) {
      observer.answerAndClose(problem);
    } else {
      observer.answer(problem);
    }
    upstreamRequest.reset();
  }

  @Override
  public int sweepSlot() {
    return sweepSlot;
  }

  @Override
  public void sweepSlot(int slot) {
    sweepSlot = slot;
  }

  private void finish() {
    phase = Phase.DONE;
    sweep.leave(this);
  }

  /**
   * Runs a step of the exchange from a Vert.x callback, where an exception would only be logged by
   * Vert.x and leave the caller waiting: it ends the exchange with a 500 (or a reset) instead.
   */
  private <T> Handler<T> guarded(Handler<T> step) {
    return event -> {
      try {
        step.handle(event);
      } catch (RuntimeException e) {
        routerFault(e);
      }
    };
  }

  private void routerFault(Throwable cause) {
    answered = true;
    finish();
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
    observer.fault(cause instanceof RouterFault ? cause.getCause() : cause);
  }

  private void fail(Throwable cause) {
    if (cause instanceof RouterFault) {
      routerFault(cause);
      return;
    }
    if (answered) {
      // Whoever answered decided how the exchange ends.
      return;
    }
    finish();
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    observer.answer(UpstreamFailure.problem(cause, target));
  }

  private boolean hasBody(int status) {
    return request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
  }
}
