package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.metrics.GatewayMetrics;
import io.agentic.platform.memory.resilience.Backoff;
import io.agentic.platform.memory.resilience.Bulkhead;
import io.agentic.platform.memory.resilience.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every call to EverMemOS goes through here: a bulkhead caps calls in flight, a circuit breaker
 * stops calling an upstream that keeps failing, each attempt has a timeout, idempotent calls are
 * retried with exponential backoff, and failures become the gateway's own problems.
 *
 * <p>The attempts run as Vert.x futures and meet Mutiny once, at {@link #send}: every Mutiny
 * operator captures and restores the request's contexts, which on this path cost more than the
 * resilience logic itself, and a retry operator builds its machinery even for calls that never
 * retry. A timer is set only when a retry is actually due.
 */
@ApplicationScoped
public class UpstreamClient {

  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final Vertx vertx;
  private final WebClient client;
  private final String host;
  private final int port;
  private final String pathPrefix;
  private final MemoryConfig.EverMemOs upstream;
  private final int retries;
  private final Backoff backoff;
  private final Duration maxBackoff;
  private final Duration breakerOpenFor;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final GatewayMetrics metrics;
  private final ObjectMapper json;
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  UpstreamClient(
      Vertx vertx,
      MemoryConfig config,
      GatewayMetrics metrics,
      MeterRegistry registry,
      ObjectMapper json,
      OpenTelemetry openTelemetry) {
    this.vertx = vertx;
    this.upstream = config.evermemos();
    MemoryConfig.Resilience resilience = config.resilience();
    URI base = URI.create(stripTrailingSlash(upstream.baseUrl()));
    if (base.getHost() == null
        || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
      throw new IllegalStateException(
          "memory.evermemos.base-url must be an http(s) URL with a host, e.g."
              + " http://evermemos.evermemos.svc.cluster.local:1995");
    }
    boolean https = "https".equals(base.getScheme());
    // Parsed once here rather than from an absolute URL on every attempt.
    this.host = base.getHost();
    this.port = base.getPort() != -1 ? base.getPort() : https ? 443 : 80;
    this.pathPrefix = base.getRawPath() == null ? "" : base.getRawPath();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setMaxPoolSize(upstream.maxConnections())
                .setKeepAlive(true)
                .setSsl(https)
                .setFollowRedirects(false));
    this.retries = resilience.retries();
    this.backoff = new Backoff(resilience.initialBackoff(), resilience.maxBackoff(), 0.2);
    this.maxBackoff = resilience.maxBackoff();
    this.breakerOpenFor = resilience.breakerOpenFor();
    this.breaker =
        new CircuitBreaker(
            resilience.breakerFailureThreshold(), resilience.breakerOpenFor(), Clock.systemUTC());
    this.bulkhead = new Bulkhead(resilience.bulkheadMaxConcurrent());
    this.metrics = metrics;
    this.json = json;
    this.tracer = openTelemetry.getTracer("io.agentic.platform.memory");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    Gauge.builder(
            "memory_gateway.upstream.breaker.open",
            breaker,
            b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
        .description("1 while the EverMemOS circuit breaker is open or half-open")
        .register(registry);
    Gauge.builder("memory_gateway.upstream.in_flight", bulkhead, Bulkhead::inFlight)
        .description("Calls to EverMemOS in flight")
        .register(registry);
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public CircuitBreaker.State breakerState() {
    return breaker.state();
  }

  /** Sends the call with the gateway's resilience rules; fails with a ProblemException. */
  public Uni<JsonNode> send(UpstreamCall call) {
    Context parent = Context.current();
    return Uni.createFrom()
        .emitter(
            emitter -> {
              if (!bulkhead.tryAcquire()) {
                metrics.upstream(call.operation(), UpstreamFailure.Kind.BULKHEAD_FULL.outcome, 0);
                fail(emitter, call, UpstreamFailure.of(UpstreamFailure.Kind.BULKHEAD_FULL));
                return;
              }
              // Set once the caller has its answer or has gone away: no retry is started then.
              AtomicBoolean over = new AtomicBoolean();
              emitter.onTermination(() -> over.set(true));
              Future<JsonNode> answer;
              try {
                answer = attempts(call, parent, 0, over);
              } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
              }
              answer.onComplete(
                  result -> {
                    bulkhead.release();
                    if (result.succeeded()) {
                      emitter.complete(result.result());
                    } else {
                      fail(emitter, call, result.cause());
                    }
                  });
            });
  }

  /** Answers whether GET /health says healthy; never throws, bypasses breaker and retries. */
  public Uni<Boolean> healthy(Duration timeout) {
    return UniHelper.toUni(
            client
                .get(port, host, pathPrefix + "/health")
                .timeout(timeout.toMillis())
                .send()
                .map(r -> r.statusCode() == 200 && healthyBody(r)))
        .onFailure()
        .recoverWithItem(false);
  }

  private boolean healthyBody(HttpResponse<Buffer> response) {
    try {
      JsonNode body = json.readTree(response.bodyAsString());
      JsonNode status = body.path("status");
      // v1 answers {"status":"healthy"}; accept the same word anywhere a later API nests it.
      return status.isMissingNode()
          || "healthy".equalsIgnoreCase(status.asText())
          || "ok".equalsIgnoreCase(status.asText());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void fail(UniEmitter<? super JsonNode> emitter, UpstreamCall call, Throwable failure) {
    emitter.fail(
        failure instanceof UpstreamFailure f
            ? f.toProblem(call.operation(), breakerWait()).asException()
            : failure);
  }

  /**
   * Attempt number {@code retry} (0 for the first) and, while it fails retryably and retries are
   * left for an idempotent call, the next one after its backoff.
   */
  private Future<JsonNode> attempts(
      UpstreamCall call, Context parent, int retry, AtomicBoolean over) {
    return attempt(call, parent)
        .recover(
            failure -> {
              boolean retryable =
                  failure instanceof UpstreamFailure f
                      && f.retryable()
                      && call.idempotent()
                      && retry < retries
                      && !over.get();
              if (!retryable) {
                return Future.failedFuture(failure);
              }
              Duration wait = backoff.before(retry + 1, ThreadLocalRandom.current());
              Optional<Duration> told = ((UpstreamFailure) failure).retryAfter();
              if (told.isPresent()) {
                // EverMemOS said when it can take the call again: never sooner. A wait longer
                // than the gateway's longest backoff is the caller's to make (the 503 carries it).
                if (told.get().compareTo(maxBackoff) > 0) {
                  return Future.failedFuture(failure);
                }
                if (told.get().compareTo(wait) > 0) {
                  wait = told.get();
                }
              }
              return vertx
                  .timer(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)
                  .compose(fired -> attempts(call, parent, retry + 1, over));
            });
  }

  private Duration breakerWait() {
    return breaker.state() == CircuitBreaker.State.CLOSED ? Duration.ofSeconds(1) : breakerOpenFor;
  }

  private Future<JsonNode> attempt(UpstreamCall call, Context parent) {
    Optional<Duration> wait = breaker.tryAcquire();
    if (wait.isPresent()) {
      metrics.upstream(call.operation(), UpstreamFailure.Kind.BREAKER_OPEN.outcome, 0);
      return Future.failedFuture(UpstreamFailure.breakerOpen(wait.get()));
    }
    long start = System.nanoTime();
    Span span =
        tracer
            .spanBuilder("EverMemOS " + call.operation())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", call.method().name())
            .setAttribute("url.path", call.path())
            .setAttribute("server.address", host)
            .startSpan();
    HttpRequest<Buffer> request =
        client
            .request(call.method(), port, host, pathPrefix + call.path())
            .timeout(upstream.timeout().toMillis())
            .putHeader(HttpHeaders.ACCEPT.toString(), "application/json");
    call.query().forEach(request::addQueryParam);
    propagator.inject(parent.with(span), request, (r, k, v) -> r.putHeader(k, v));
    Future<HttpResponse<Buffer>> sent;
    if (call.body() == null) {
      sent = request.send();
    } else {
      request.putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
      sent = request.sendBuffer(Buffer.buffer(serialize(call.body())));
    }
    return sent.transform(
        result -> {
          HttpResponse<Buffer> response = result.result();
          try {
            JsonNode body = outcome(response, result.cause());
            breaker.onSuccess();
            metrics.upstream(call.operation(), "success", System.nanoTime() - start);
            span.setAttribute("http.response.status_code", response.statusCode());
            return Future.succeededFuture(body);
          } catch (UpstreamFailure f) {
            if (f.upstreamFault()) {
              breaker.onFailure();
            } else {
              breaker.onSuccess();
            }
            metrics.upstream(call.operation(), f.kind().outcome, System.nanoTime() - start);
            if (response != null) {
              span.setAttribute("http.response.status_code", response.statusCode());
            }
            span.setStatus(StatusCode.ERROR, f.kind().outcome);
            return Future.failedFuture(f);
          } finally {
            span.end();
          }
        });
  }

  private JsonNode outcome(HttpResponse<Buffer> response, Throwable failure) {
    if (failure != null) {
      throw UpstreamFailure.of(
          failure instanceof TimeoutException
              ? UpstreamFailure.Kind.TIMEOUT
              : UpstreamFailure.Kind.UNREACHABLE);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      Buffer body = response.body();
      if (body == null || body.length() == 0) {
        return NullNode.getInstance();
      }
      try {
        return json.readTree(body.getBytes());
      } catch (IOException e) {
        throw UpstreamFailure.of(UpstreamFailure.Kind.INVALID_RESPONSE);
      }
    }
    Optional<Duration> retryAfter =
        retryAfter(response.getHeader("Retry-After"), Clock.systemUTC());
    if (status == 429) {
      throw UpstreamFailure.status(UpstreamFailure.Kind.BUSY, status, retryAfter);
    }
    if (status == 404) {
      throw UpstreamFailure.status(UpstreamFailure.Kind.NOT_FOUND, status, retryAfter);
    }
    if (status >= 500) {
      throw UpstreamFailure.status(UpstreamFailure.Kind.SERVER_ERROR, status, retryAfter);
    }
    throw UpstreamFailure.status(UpstreamFailure.Kind.REJECTED, status, retryAfter);
  }

  /**
   * EverMemOS's Retry-After, in delay-seconds or as an HTTP date (RFC 9110); absent or unreadable
   * means it said nothing. Capped at an hour so a broken header cannot park callers for days.
   */
  static Optional<Duration> retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException | ArithmeticException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(clock.instant(), at);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
  }

  private byte[] serialize(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
