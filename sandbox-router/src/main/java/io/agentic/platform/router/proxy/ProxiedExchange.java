package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
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
final class ProxiedExchange {

  private final Vertx vertx;
  private final HttpClient client;
  private final RouterConfig.Upstream upstream;
  private final RouterConfig.Timeouts timeouts;
  private final HttpServerRequest request;
  private final SandboxTarget target;

  private boolean timedOut;
  private Duration responseTimeout;

  ProxiedExchange(
      Vertx vertx,
      HttpClient client,
      RouterConfig.Upstream upstream,
      RouterConfig.Timeouts timeouts,
      HttpServerRequest request,
      SandboxTarget target) {
    this.vertx = vertx;
    this.client = client;
    this.upstream = upstream;
    this.timeouts = timeouts;
    this.request = request;
    this.target = target;
  }

  void start(RequestOptions options, Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
    dial(options, 0);
  }

  private void dial(RequestOptions options, int attempt) {
    client
        .request(options)
        .onComplete(
            dialed -> {
              if (dialed.succeeded()) {
                forward(dialed.result());
              } else if (attempt < upstream.dialRetries()
                  && UpstreamFailure.beforeAnyByteSent(dialed.cause())
                  && !request.response().closed()) {
                long delay = upstream.dialBackoff().toMillis() << attempt;
                vertx.setTimer(delay, id -> dial(options, attempt + 1));
              } else {
                fail(dialed.cause());
              }
            });
  }

  private void forward(HttpClientRequest upstreamRequest) {
    // A client that goes away cancels the sandbox request rather than leaving it running.
    request.response().closeHandler(closed -> upstreamRequest.reset());
    long timer =
        vertx.setTimer(
            responseTimeout.toMillis(),
            id -> {
              timedOut = true;
              upstreamRequest.reset();
            });
    sendBody(upstreamRequest)
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              if (done.failed()) {
                fail(done.cause());
              } else {
                relay(done.result());
              }
            });
  }

  private Future<HttpClientResponse> sendBody(HttpClientRequest upstreamRequest) {
    if (request.getHeader("Content-Length") != null) {
      return upstreamRequest.send(request);
    }
    // HTTP/1.x announces a body with Transfer-Encoding; HTTP/2 only by not ending the stream.
    boolean hasBody =
        request.version() == HttpVersion.HTTP_2
            ? !request.isEnded()
            : request.getHeader("Transfer-Encoding") != null;
    if (hasBody) {
      upstreamRequest.setChunked(true);
      return upstreamRequest.send(request);
    }
    request.resume();
    return upstreamRequest.send();
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
    // A sandbox that fails mid-body must not look like a complete response: reset, never end.
    upstreamResponse
        .pipe()
        .endOnFailure(false)
        .to(response)
        .onFailure(
            failure -> {
              if (!response.ended()) {
                response.reset();
              }
            });
  }

  private void fail(Throwable cause) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      response.reset();
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
    SandboxProxy.respond(request, problem);
  }

  private boolean hasBody(int status) {
    return request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
  }
}
