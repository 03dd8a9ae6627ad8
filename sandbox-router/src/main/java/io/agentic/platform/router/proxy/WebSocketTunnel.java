package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;

/**
 * A WebSocket upgrade passed through to the sandbox. The handshake goes upstream as HTTP; once the
 * sandbox answers 101 both connections become raw byte tunnels, so frames, extensions and
 * sub-protocols are whatever client and sandbox agreed on. A refused upgrade is relayed as the
 * sandbox's ordinary response.
 */
final class WebSocketTunnel {

  private final Vertx vertx;
  private final UpstreamDialer dialer;
  private final RouterConfig.Timeouts timeouts;
  private final HttpServerRequest request;
  private final SandboxTarget target;
  private final ProxyMetrics metrics;
  private final ExchangeObserver observer;
  private final ForwardedHeaders forwardedHeaders;

  private long lastActivity = System.nanoTime();
  private long idleTimer;
  private long lifetimeTimer;
  private boolean closed;

  WebSocketTunnel(
      Vertx vertx,
      UpstreamDialer dialer,
      RouterConfig.Timeouts timeouts,
      HttpServerRequest request,
      SandboxTarget target,
      ProxyMetrics metrics,
      ExchangeObserver observer,
      ForwardedHeaders forwardedHeaders) {
    this.vertx = vertx;
    this.dialer = dialer;
    this.timeouts = timeouts;
    this.request = request;
    this.target = target;
    this.metrics = metrics;
    this.observer = observer;
    this.forwardedHeaders = forwardedHeaders;
  }

  static boolean isUpgrade(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_1_1 || request.method() != HttpMethod.GET) {
      return false;
    }
    String upgrade = request.getHeader("Upgrade");
    String connection = request.getHeader("Connection");
    return upgrade != null
        && upgrade.equalsIgnoreCase("websocket")
        && connection != null
        && connection.toLowerCase().contains("upgrade");
  }

  void start(RequestOptions options, Handler<MultiMap> headers) {
    // The upgrade request has no body; reading must continue so the connection can become a tunnel.
    request.resume();
    dialer
        .dial(
            options,
            upstream -> {
              headers.handle(upstream);
              upstream.set("Connection", "Upgrade").set("Upgrade", "websocket");
            },
            request)
        .compose(
            upstreamRequest -> {
              // Failures after the handshake surface on the tunnel's sockets, not on the request.
              upstreamRequest.exceptionHandler(ignored -> {});
              return upstreamRequest.connect();
            })
        .onSuccess(
            upstreamResponse -> {
              try {
                answer(upstreamResponse);
              } catch (RuntimeException e) {
                upstreamResponse.request().reset();
                observer.fault(e);
              }
            })
        .onFailure(
            cause -> {
              if (cause instanceof RouterFault) {
                observer.fault(cause.getCause());
              } else {
                observer.answer(UpstreamFailure.problem(cause, target));
              }
            });
  }

  private void answer(HttpClientResponse upstreamResponse) {
    HttpServerResponse response = request.response();
    forwardedHeaders.toClient(upstreamResponse.headers(), response.headers());
    if (upstreamResponse.statusCode() != 101) {
      response.setStatusCode(upstreamResponse.statusCode());
      upstreamResponse.pipe().to(response);
      return;
    }
    response.headers().set("Connection", "Upgrade").set("Upgrade", "websocket");
    NetSocket sandbox = upstreamResponse.netSocket();
    request
        .toNetSocket()
        .onSuccess(caller -> open(caller, sandbox))
        .onFailure(
            cause -> {
              sandbox.close();
              observer.answer(Problem.upstreamRefused("the WebSocket upgrade could not complete"));
            });
  }

  private void open(NetSocket caller, NetSocket sandbox) {
    observer.tunnelled();
    metrics.webSocketOpened();
    relay(caller, sandbox, true);
    relay(sandbox, caller, false);
    caller.exceptionHandler(failure -> close(caller, sandbox));
    sandbox.exceptionHandler(failure -> close(caller, sandbox));
    caller.closeHandler(closed -> close(caller, sandbox));
    sandbox.closeHandler(closed -> close(caller, sandbox));
    scheduleIdleCheck(timeouts.websocketIdle().toNanos(), caller, sandbox);
    lifetimeTimer =
        vertx.setTimer(timeouts.websocketMaxLifetime().toMillis(), id -> close(caller, sandbox));
  }

  /** Copies bytes one way with back-pressure: a slow reader pauses the fast writer. */
  private void relay(NetSocket from, NetSocket to, boolean fromCaller) {
    from.handler(
        bytes -> {
          lastActivity = System.nanoTime();
          metrics.bytes(fromCaller, bytes.length());
          to.write(bytes);
          if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(drained -> from.resume());
          }
        });
  }

  /** One timer per tunnel, re-armed for the remaining time instead of on every frame. */
  private void scheduleIdleCheck(long delayNanos, NetSocket caller, NetSocket sandbox) {
    idleTimer =
        vertx.setTimer(
            Math.max(1, delayNanos / 1_000_000),
            id -> {
              long quiet = System.nanoTime() - lastActivity;
              long idle = timeouts.websocketIdle().toNanos();
              if (quiet >= idle) {
                close(caller, sandbox);
              } else {
                scheduleIdleCheck(idle - quiet, caller, sandbox);
              }
            });
  }

  private void close(NetSocket caller, NetSocket sandbox) {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(idleTimer);
    vertx.cancelTimer(lifetimeTimer);
    metrics.webSocketClosed();
    caller.close();
    sandbox.close();
    observer.record();
  }
}
