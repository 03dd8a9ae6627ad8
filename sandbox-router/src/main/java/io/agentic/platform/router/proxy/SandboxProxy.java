package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.access.NamespacePolicy;
import io.agentic.platform.router.access.SandboxVerification;
import io.agentic.platform.router.auth.CallerAuthentication;
import io.agentic.platform.router.auth.CallerGrant;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.RoutingHeaders;
import io.agentic.platform.router.routing.SandboxTarget;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.Startup;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a request (headers, caller, allow-lists) and, when it passes, hands it to a {@link
 * ProxiedExchange} that streams it to the sandbox. A request that fails a check is answered with a
 * problem and never opens a connection.
 */
// Created at start-up, so missing or invalid configuration of what it uses stops the router at
// once.
@Startup
@Singleton
public class SandboxProxy {

  private static final Pattern WHOLE_SECONDS = Pattern.compile("[0-9]{1,6}");

  private final Vertx vertx;
  private final RouterConfig config;
  private final RoutingHeaders routingHeaders;
  private final NamespacePolicy namespaces;
  private final SandboxVerification sandboxes;
  private final CallerAuthentication authentication;
  private final ProxyMetrics metrics;
  private final AccessLog accessLog;
  private final UpstreamDialer dialer;
  private final TrustedProxies trustedProxies;
  private final ForwardedHeaders forwardedHeaders;

  /**
   * Vert.x counts a request's connect timeout from asking the pool until it has a connection, so it
   * bounds the wait for a busy pool; the TCP connect itself keeps its own, shorter timeout.
   */
  private final long connectAndPoolWait;

  private volatile boolean refusing;

  SandboxProxy(
      Vertx vertx,
      RouterConfig config,
      RoutingHeaders routingHeaders,
      NamespacePolicy namespaces,
      SandboxVerification sandboxes,
      CallerAuthentication authentication,
      ProxyMetrics metrics,
      AccessLog accessLog) {
    this.vertx = vertx;
    this.config = config;
    this.routingHeaders = routingHeaders;
    this.namespaces = namespaces;
    this.sandboxes = sandboxes;
    this.authentication = authentication;
    this.metrics = metrics;
    this.accessLog = accessLog;
    UpstreamClients clients =
        new UpstreamClients(
            vertx,
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) config.timeouts().connect().toMillis())
                .setDecompressionSupported(false),
            config.upstream().maxConnectionsPerHost(),
            config.upstream().maxWaitQueue());
    this.dialer = new UpstreamDialer(vertx, clients, config.upstream(), metrics);
    this.trustedProxies = TrustedProxies.parse(config.trustedProxies().orElse(List.of()));
    this.forwardedHeaders = new ForwardedHeaders(config.forwardCookies());
    this.connectAndPoolWait =
        config.timeouts().connect().plus(config.upstream().poolWaitTimeout()).toMillis();
  }

  /**
   * Starts a sweep for the timeouts of the requests handled on the calling verticle's event loop,
   * to be passed to {@link #handle} with each of them.
   */
  TimeoutSweep startTimeoutSweep() {
    Duration idle = config.timeouts().idle();
    Duration request = config.timeouts().request();
    return TimeoutSweep.start(vertx, idle.compareTo(request) < 0 ? idle : request);
  }

  /** Handles a request on the event loop of {@code sweep}. */
  public void handle(HttpServerRequest request, TimeoutSweep sweep) {
    request.pause();
    ExchangeObserver observer = new ExchangeObserver(request, metrics, accessLog);
    if (refusing) {
      observer.answerAndClose(
          Problem.shuttingDown("the router is shutting down; send the request again"));
      return;
    }
    try {
      // First, so that a caller without a valid credential gets the same 401 whatever its routing
      // headers say, and learns nothing about which namespaces, ports or sandboxes exist.
      CallerGrant grant = authentication.authenticate(request.headers());
      SandboxTarget target = routingHeaders.target(request.headers());
      observer.target(target);
      Span.current()
          .setAttribute("sandbox.id", target.id())
          .setAttribute("sandbox.namespace", target.namespace())
          .setAttribute("sandbox.port", target.port());
      namespaces.check(target);
      grant.authorize(target);
      // After authorization, so a caller cannot probe which sandboxes exist outside its grant.
      sandboxes.check(target);
      ForwardedBody.check(request, config.limits().maxBodySize().asLongValue());
      boolean dropAuthorization = authentication.consumesAuthorizationHeader(request.headers());
      // The router is part of the trace: its client span injects the context the sandbox sees.
      boolean dropTraceContext = Span.current().getSpanContext().isValid();
      boolean fromTrustedProxy = trustedProxies.contains(request.remoteAddress());
      Handler<MultiMap> headers =
          upstream ->
              forwardedHeaders.toUpstream(
                  request, dropAuthorization, dropTraceContext, fromTrustedProxy, upstream);
      RequestOptions options =
          new RequestOptions()
              .setMethod(request.method())
              // The absolute name (trailing dot) is resolved as is, without trying the search
              // domains of resolv.conf first; the Host header keeps the usual form.
              .setServer(
                  SocketAddress.inetSocketAddress(
                      target.port(), target.absoluteHost(config.clusterDomain())))
              .setHost(target.host(config.clusterDomain()))
              .setPort(target.port())
              .setURI(upstreamUri(request))
              .setConnectTimeout(connectAndPoolWait);
      if (WebSocketTunnel.isUpgrade(request)) {
        // The handshake's only timeout: the sandbox must answer the upgrade within the idle time.
        options.setIdleTimeout(config.timeouts().idle().toMillis());
        new WebSocketTunnel(
                vertx,
                dialer,
                config.timeouts(),
                request,
                target,
                metrics,
                observer,
                forwardedHeaders)
            .start(options, headers);
      } else {
        new ProxiedExchange(
                dialer,
                request,
                target,
                observer,
                sweep,
                config.limits().maxBodySize().asLongValue(),
                config.timeouts().idle(),
                forwardedHeaders)
            .start(options, headers, responseTimeout(request));
      }
    } catch (ProblemException e) {
      observer.answer(e.problem());
    } catch (RuntimeException e) {
      observer.fault(e);
    }
  }

  /** From now on every request is answered 503 and its connection closed. */
  void refuseNewRequests() {
    refusing = true;
  }

  /** The path and raw query only: an absolute-form request target never picks the destination. */
  private String upstreamUri(HttpServerRequest request) {
    String path = request.path();
    if (path == null || !path.startsWith("/")) {
      throw new ProblemException(
          Problem.badRequestTarget("the request target must be an absolute path"));
    }
    String prefix = config.stripPrefix().orElse("");
    if (!prefix.isEmpty() && (path.equals(prefix) || path.startsWith(prefix + "/"))) {
      path = path.length() == prefix.length() ? "/" : path.substring(prefix.length());
    }
    String query = request.query();
    return query == null ? path : path + "?" + query;
  }

  private Duration responseTimeout(HttpServerRequest request) {
    String value = request.getHeader(RoutingHeaders.TIMEOUT);
    if (value == null) {
      return config.timeouts().request();
    }
    Duration max = config.timeouts().maxRequest();
    String seconds = value.strip();
    if (!WHOLE_SECONDS.matcher(seconds).matches() || Integer.parseInt(seconds) == 0) {
      throw new ProblemException(
          Problem.badHeader(
              RoutingHeaders.TIMEOUT,
              "must be a whole number of seconds between 1 and " + max.toSeconds()));
    }
    Duration asked = Duration.ofSeconds(Integer.parseInt(seconds));
    return asked.compareTo(max) > 0 ? max : asked;
  }
}
