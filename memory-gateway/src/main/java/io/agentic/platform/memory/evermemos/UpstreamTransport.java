package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.agentic.platform.memory.MemoryConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
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
import java.util.concurrent.TimeoutException;

/**
 * How the gateway talks to EverMemOS: one HTTP exchange per call, traced as a client span with the
 * caller's trace context propagated, its answer read as JSON, and every way it can go wrong turned
 * into an {@link UpstreamFailure} (timeout, unreachable, an error status with its Retry-After, an
 * unreadable body). It decides nothing about retrying, limiting or breaking: that is {@link
 * UpstreamClient}'s.
 */
@ApplicationScoped
public class UpstreamTransport {

  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final WebClient client;
  private final String host;
  private final int port;
  private final String pathPrefix;
  private final Duration timeout;
  private final ObjectMapper json;
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  UpstreamTransport(
      Vertx vertx, MemoryConfig config, ObjectMapper json, OpenTelemetry openTelemetry) {
    MemoryConfig.EverMemOs upstream = config.evermemos();
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
    this.timeout = upstream.timeout();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setMaxPoolSize(upstream.maxConnections())
                .setKeepAlive(true)
                .setSsl(https)
                .setFollowRedirects(false));
    this.json = json;
    this.tracer = openTelemetry.getTracer("io.agentic.platform.memory");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /**
   * One exchange: the answer's JSON (a {@code NullNode} for an empty body), or a failed future
   * holding an {@link UpstreamFailure}.
   */
  Future<JsonNode> exchange(UpstreamCall call, Context parent) {
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
            .timeout(timeout.toMillis())
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
            span.setAttribute("http.response.status_code", response.statusCode());
            return Future.succeededFuture(body);
          } catch (UpstreamFailure f) {
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
