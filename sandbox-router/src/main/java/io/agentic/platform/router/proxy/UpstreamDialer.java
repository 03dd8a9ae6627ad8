package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * Opens requests to sandboxes. Only attempts that failed before any byte was sent (refused, name
 * not resolved) are repeated, with doubling backoff, and only while the client is still there.
 */
final class UpstreamDialer {

  private final Vertx vertx;
  private final UpstreamClients clients;
  private final RouterConfig.Upstream upstream;
  private final ProxyMetrics metrics;

  UpstreamDialer(
      Vertx vertx, UpstreamClients clients, RouterConfig.Upstream upstream, ProxyMetrics metrics) {
    this.vertx = vertx;
    this.clients = clients;
    this.upstream = upstream;
    this.metrics = metrics;
  }

  /**
   * Opens a request to the sandbox and hands it over with {@code headers} applied to its header
   * map.
   */
  Future<HttpClientRequest> dial(
      RequestOptions options, Handler<MultiMap> headers, HttpServerRequest caller) {
    Promise<HttpClientRequest> dialed = Promise.promise();
    attempt(options, headers, caller, 0, dialed);
    return dialed.future();
  }

  private void attempt(
      RequestOptions options,
      Handler<MultiMap> headers,
      HttpServerRequest caller,
      int attempt,
      Promise<HttpClientRequest> dialed) {
    clients
        .current()
        .request(options)
        .onSuccess(
            request -> {
              try {
                headers.handle(request.headers());
              } catch (RuntimeException e) {
                request.reset();
                dialed.fail(new RouterFault(e));
                return;
              }
              dialed.complete(request);
            })
        .onFailure(
            cause -> {
              metrics.upstreamConnectFailed(UpstreamFailure.reason(cause));
              if (attempt < upstream.dialRetries()
                  && UpstreamFailure.beforeAnyByteSent(cause)
                  && !caller.response().closed()) {
                long delay = upstream.dialBackoff().toMillis() << attempt;
                vertx.setTimer(delay, id -> attempt(options, headers, caller, attempt + 1, dialed));
              } else {
                dialed.fail(
                    UpstreamFailure.poolBusy(cause) ? new UpstreamFailure.PoolBusy(cause) : cause);
              }
            });
  }
}
