package io.agentic.platform.router.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP client, with its own keep-alive pool, per event loop. A pooled connection lives on the
 * event loop that opened it; a request from another event loop that borrows it has every response
 * event handed across threads (a queued task and a wake-up each time). Each event loop only borrows
 * connections it opened itself. The per-host connection limit is shared out among the event loops,
 * so together they never open more than the limit rounded up to a multiple of their number.
 */
final class UpstreamClients {

  private final EventExecutor[] eventLoops;
  private final HttpClient[] clients;

  UpstreamClients(
      Vertx vertx, HttpClientOptions options, int maxConnectionsPerHost, int maxWaitQueue) {
    List<EventExecutor> loops = new ArrayList<>();
    vertx.nettyEventLoopGroup().forEach(loops::add);
    this.eventLoops = loops.toArray(EventExecutor[]::new);
    this.clients = new HttpClient[eventLoops.length];
    PoolOptions pool =
        new PoolOptions()
            .setHttp1MaxSize(connectionsPerEventLoop(maxConnectionsPerHost, eventLoops.length))
            // Unbounded by default: callers would queue without limit behind a busy sandbox.
            .setMaxWaitQueueSize(maxWaitQueue);
    for (int i = 0; i < clients.length; i++) {
      clients[i] = vertx.createHttpClient(options, pool);
    }
  }

  static int connectionsPerEventLoop(int maxConnectionsPerHost, int eventLoops) {
    return Math.max(1, (maxConnectionsPerHost + eventLoops - 1) / eventLoops);
  }

  /**
   * The client of the calling event loop. Requests are opened on event loops; should one come from
   * elsewhere, any client serves it correctly, only without the affinity.
   */
  HttpClient current() {
    for (int i = 0; i < eventLoops.length; i++) {
      if (eventLoops[i].inEventLoop()) {
        return clients[i];
      }
    }
    return clients[0];
  }
}
