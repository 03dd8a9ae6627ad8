package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The HTTP server of the main port: one Vert.x server per event loop, each handing its requests
 * straight to the {@link SandboxProxy}. Quarkus' own HTTP server serves only the management port;
 * on the main port its web router and the wrappers it puts around every request cost the proxy
 * close to a tenth of its throughput, for features the proxy does not use.
 *
 * <p>Shutdown follows Quarkus' graceful shutdown: during {@code quarkus.shutdown.delay} readiness
 * reports DOWN and requests are still served while the Service stops sending new ones; then new
 * requests are answered 503 on a closing connection, requests and tunnels in progress get up to
 * {@code router.server.drain-timeout} to finish, and the server closes whatever is left. The drain
 * is the proxy's own, not Quarkus' shutdown timeout: in Quarkus 3.30 a shutdown listener of its
 * Jackson extension never reports that it is done, so any such timeout is waited out in full, even
 * by an idle server.
 */
@Singleton
class ProxyServer {

  private static final Logger LOG = Logger.getLogger(ProxyServer.class);
  private static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final long DRAIN_POLL_MILLIS = 50;

  /** Where Quarkus tells its test framework which port the application's HTTP traffic uses. */
  private static final String TEST_PORT_PROPERTY = "quarkus.http.test-port";

  private final Vertx vertx;
  private final RouterConfig.Server config;
  private final SandboxProxy proxy;
  private final ProxyMetrics metrics;
  private final Duration shutdownDelay;
  private final Duration drainTimeout;
  private String deployment;
  private boolean refusing;
  private long refusingSince;

  ProxyServer(
      Vertx vertx,
      RouterConfig config,
      SandboxProxy proxy,
      ProxyMetrics metrics,
      @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay) {
    this.vertx = vertx;
    this.config = config.server();
    this.proxy = proxy;
    this.metrics = metrics;
    this.shutdownDelay = shutdownDelay.orElse(Duration.ZERO);
    this.drainTimeout = this.config.drainTimeout();
  }

  void start(@Observes StartupEvent event) throws InterruptedException {
    AtomicInteger eventLoops = new AtomicInteger();
    vertx.nettyEventLoopGroup().forEach(loop -> eventLoops.incrementAndGet());
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setMaxInitialLineLength(config.maxInitialLineLength())
            .setMaxHeaderSize((int) config.maxHeaderSize().asLongValue())
            .setIdleTimeout((int) config.idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    // Servers of one port share its connections out among themselves.
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    CallerConnections connections = new CallerConnections(config.maxConnections());
    deployment =
        await(
            vertx.deployVerticle(
                () -> new Listener(options, proxy, connections, servers::add),
                new DeploymentOptions().setInstances(eventLoops.get())),
            "listen on " + config.host() + ":" + config.port());
    int port = servers.get(0).actualPort();
    if (LaunchMode.current() == LaunchMode.TEST) {
      // Quarkus' own server would have published the port it bound; the main port is this one.
      System.setProperty(TEST_PORT_PROPERTY, String.valueOf(port));
    }
    // Worded like Quarkus' own start-up line, which tools read to find the application's port.
    LOG.infof("Proxy server started. Listening on: http://%s:%d", config.host(), port);
  }

  /** Readiness reports DOWN from now on; requests are refused once the delay is over. */
  void shutdownDelayStarted(@Observes ShutdownDelayInitiatedEvent event) {
    vertx.setTimer(Math.max(1, shutdownDelay.toMillis()), id -> refuseNewRequests());
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (deployment == null) {
      return;
    }
    long deadline = refuseNewRequests() + drainTimeout.toNanos();
    while (metrics.activeRequests() > 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(DRAIN_POLL_MILLIS);
    }
    int left = metrics.activeRequests();
    if (left > 0) {
      LOG.warnf("Closing %d requests and tunnels still in progress after %s", left, drainTimeout);
    }
    await(vertx.undeploy(deployment), "close the proxy's server");
    deployment = null;
  }

  /** Returns when requests began to be refused. */
  private synchronized long refuseNewRequests() {
    if (!refusing) {
      refusing = true;
      refusingSince = System.nanoTime();
      proxy.refuseNewRequests();
    }
    return refusingSince;
  }

  private static <T> T await(Future<T> future, String what) throws InterruptedException {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Could not " + what + " within " + START_STOP_TIMEOUT.toSeconds() + " s", e);
    }
  }

  /**
   * Counts the caller connections of all event loops. One beyond the limit is closed as soon as it
   * is accepted, before it can hold any memory for a request: a flood of connections must not take
   * the router down for everyone.
   */
  static final class CallerConnections {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    CallerConnections(int max) {
      if (max < 1) {
        throw new IllegalStateException(
            "router.server.max-connections (ROUTER_SERVER_MAX_CONNECTIONS) must be at least 1");
      }
      this.max = max;
    }

    void opened(HttpConnection connection) {
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        LOG.debugf("Closing a caller connection beyond router.server.max-connections (%d)", max);
        connection.close();
        return;
      }
      connection.closeHandler(closed -> open.decrementAndGet());
    }
  }

  /** One server of the main port, on the event loop of its verticle. */
  private static final class Listener extends AbstractVerticle {

    private final HttpServerOptions options;
    private final SandboxProxy proxy;
    private final CallerConnections connections;
    private final Consumer<HttpServer> listening;
    private TimeoutSweep timeouts;

    Listener(
        HttpServerOptions options,
        SandboxProxy proxy,
        CallerConnections connections,
        Consumer<HttpServer> listening) {
      this.options = options;
      this.proxy = proxy;
      this.connections = connections;
      this.listening = listening;
    }

    @Override
    public void start(Promise<Void> started) {
      timeouts = proxy.startTimeoutSweep();
      vertx
          .createHttpServer(options)
          .connectionHandler(connections::opened)
          .requestHandler(request -> proxy.handle(request, timeouts))
          .listen()
          .onSuccess(listening::accept)
          .<Void>mapEmpty()
          .onComplete(started);
    }

    @Override
    public void stop() {
      timeouts.stop();
    }
  }
}
