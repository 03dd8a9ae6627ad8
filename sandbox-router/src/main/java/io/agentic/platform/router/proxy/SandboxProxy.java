package io.agentic.platform.router.proxy;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.access.NamespacePolicy;
import io.agentic.platform.router.access.SandboxVerification;
import io.agentic.platform.router.auth.CallerAuthentication;
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
import jakarta.inject.Singleton;
import java.time.Duration;
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
            config.upstream().maxConnectionsPerHost());
    this.dialer = new UpstreamDialer(vertx, clients, config.upstream(), metrics);
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
      SandboxTarget target = routingHeaders.target(request.headers());
      observer.target(target);
      Span.current()
          .setAttribute("sandbox.id", target.id())
          .setAttribute("sandbox.namespace", target.namespace())
          .setAttribute("sandbox.port", target.port());
      namespaces.check(target);
      authentication.authorize(request.headers(), target);
      // After authentication, so an anonymous caller cannot probe which sandboxes exist.
      sandboxes.check(target);
      ForwardedBody.check(request, config.limits().maxBodySize().asLongValue());
      boolean dropAuthorization = authentication.consumesAuthorizationHeader(request.headers());
      // The router is part of the trace: its client span injects the context the sandbox sees.
      boolean dropTraceContext = Span.current().getSpanContext().isValid();
      Handler<MultiMap> headers =
          upstream ->
              ForwardedHeaders.toUpstream(request, dropAuthorization, dropTraceContext, upstream);
      RequestOptions options =
          new RequestOptions()
              .setMethod(request.method())
              .setHost(target.host(config.clusterDomain()))
              .setPort(target.port())
              .setURI(upstreamUri(request));
      if (WebSocketTunnel.isUpgrade(request)) {
        // The handshake's only timeout: the sandbox must answer the upgrade within the idle time.
        options.setIdleTimeout(config.timeouts().idle().toMillis());
        new WebSocketTunnel(vertx, dialer, config.timeouts(), request, target, metrics, observer)
            .start(options, headers);
      } else {
        new ProxiedExchange(
                dialer,
                request,
                target,
                observer,
                sweep,
                config.limits().maxBodySize().asLongValue(),
                config.timeouts().idle())
            .start(options, headers, responseTimeout(request));
      }
    } catch (ProblemException e) {
      observer.answer(e.problem());
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
