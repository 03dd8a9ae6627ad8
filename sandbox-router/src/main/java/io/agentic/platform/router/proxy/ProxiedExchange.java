package io.agentic.platform.router.proxy;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One request on its way to a sandbox and back. Bodies stream in both directions with back-pressure
 * and are never buffered whole. Only the connection attempt is retried: once a byte has been sent,
 * a failure is reported, not repeated.
 */
final class ProxiedExchange {

  private final Vertx vertx;
  private final UpstreamDialer dialer;
  private final HttpServerRequest request;
  private final SandboxTarget target;
  private final ExchangeObserver observer;
  private final long maxBodySize;
  private final Duration idleTimeout;

  private boolean timedOut;
  private long responseTimer = -1;
  private Duration responseTimeout;
  private long idleTimer = -1;
  private long bytesAtLastCheck;
  private long lastMoved;

  ProxiedExchange(
      Vertx vertx,
      UpstreamDialer dialer,
      HttpServerRequest request,
      SandboxTarget target,
      ExchangeObserver observer,
      long maxBodySize,
      Duration idleTimeout) {
    this.vertx = vertx;
    this.dialer = dialer;
    this.request = request;
    this.target = target;
    this.observer = observer;
    this.maxBodySize = maxBodySize;
    this.idleTimeout = idleTimeout;
  }

  void start(RequestOptions options, Handler<MultiMap> headers, Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
    dialer.dial(options, headers, request).onSuccess(this::forward).onFailure(this::fail);
  }

  private void forward(HttpClientRequest upstreamRequest) {
    // A client that goes away cancels the sandbox request rather than leaving it running.
    observer.onCallerGone(upstreamRequest::reset);
    sendBody(upstreamRequest, () -> armResponseTimer(upstreamRequest))
        .onComplete(
            done -> {
              vertx.cancelTimer(responseTimer);
              if (done.failed()) {
                fail(done.cause());
              } else {
                relay(done.result());
              }
            });
  }

  /**
   * The response timeout counts from the end of the request body: an upload that keeps moving is
   * never cut short by it (a stalled one is, by the idle timeout).
   */
  private void armResponseTimer(HttpClientRequest upstreamRequest) {
    responseTimer =
        vertx.setTimer(
            responseTimeout.toMillis(),
            id -> {
              timedOut = true;
              upstreamRequest.reset();
            });
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
              upstreamRequest.reset();
              observer.answer(ForwardedBody.tooLarge(maxBodySize));
            },
            bodySent));
  }

  private void relay(HttpClientResponse upstreamResponse) {
    HttpServerResponse response = request.response();
    response.setStatusCode(upstreamResponse.statusCode());
    response.setStatusMessage(upstreamResponse.statusMessage());
    ForwardedHeaders.toClient(upstreamResponse.headers(), response.headers());
    if (!response.headers().contains("Content-Length")
        && request.version() == HttpVersion.HTTP_1_1
        && hasBody(upstreamResponse.statusCode())) {
      response.setChunked(true);
    }
    watchForSilence(upstreamResponse);
    // A sandbox that fails mid-body must not look like a complete response: reset, never end.
    upstreamResponse
        .pipe()
        .endOnFailure(false)
        .to(response)
        .onComplete(done -> vertx.cancelTimer(idleTimer))
        .onFailure(
            failure -> {
              if (!response.ended()) {
                response.reset();
              }
            });
  }

  /**
   * Cuts the response stream once no body bytes reached the caller for the idle timeout, checked
   * every quarter of it: one timer per stream instead of one per chunk.
   */
  private void watchForSilence(HttpClientResponse upstreamResponse) {
    bytesAtLastCheck = request.response().bytesWritten();
    lastMoved = System.nanoTime();
    long period = Math.max(1, idleTimeout.toMillis() / 4);
    idleTimer = vertx.setTimer(period, id -> checkSilence(upstreamResponse, period));
  }

  private void checkSilence(HttpClientResponse upstreamResponse, long period) {
    long written = request.response().bytesWritten();
    long now = System.nanoTime();
    if (written != bytesAtLastCheck) {
      bytesAtLastCheck = written;
      lastMoved = now;
    } else if (now - lastMoved >= idleTimeout.toNanos()) {
      observer.streamIdle();
      upstreamResponse.request().reset();
      return;
    }
    idleTimer = vertx.setTimer(period, id -> checkSilence(upstreamResponse, period));
  }

  private void fail(Throwable cause) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (cause instanceof TimeoutException && !request.isEnded()) {
      // The client's idle timeout ran out while the caller's body was still coming: the caller
      // stalled, not the sandbox. The rest of that body will not be read, so the connection goes.
      observer.answerAndClose(
          Problem.requestTimeout(
              "the request body stopped arriving for " + idleTimeout.toSeconds() + " s"));
      return;
    }
    Problem problem =
        timedOut
            ? Problem.upstreamTimeout(
                "sandbox '"
                    + target.id()
                    + "' in namespace '"
                    + target.namespace()
                    + "' sent no response within "
                    + responseTimeout.toSeconds()
                    + " s")
            : UpstreamFailure.problem(cause, target);
    observer.answer(problem);
  }

  private boolean hasBody(int status) {
    return request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
  }
}
