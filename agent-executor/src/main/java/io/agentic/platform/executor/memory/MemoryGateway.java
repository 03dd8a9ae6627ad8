package io.agentic.platform.executor.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.memory.GatewayToken.Bearer;
import io.agentic.platform.executor.observe.HttpTraceContext;
import io.agentic.platform.executor.observe.RunMetrics;
import io.agentic.platform.executor.profile.MemoryPlan;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.retry.TimeLeft;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Talks to the memory-gateway: searches memories for a run's prompt and stores a run's turn. Memory
 * enriches a run and never decides it: every failure (gateway down, slow, refusing) ends in an
 * empty answer, one log line without payloads and the {@code agent_executor_memory_calls_total}
 * outcome. One client span per call. Only used when {@code MEMORY_GATEWAY_URL} is set.
 */
@ApplicationScoped
public class MemoryGateway {

  static final String TENANT_HEADER = "X-Tenant-ID";
  static final String SEARCH = "search";
  static final String STORE = "store";
  private static final Logger LOG = Logger.getLogger(MemoryGateway.class);

  private final MemoryGatewayConfig config;
  private final ObjectMapper mapper;
  private final GatewayWire wire;
  private final GatewayToken token;
  private final Tracer tracer;
  private final HttpTraceContext traceContext;
  private final RunMetrics metrics;
  private final Clock clock = Clock.systemUTC();
  private final WebClient client;
  private final String storeUrl;
  private final String searchUrl;
  private final String serverAddress;

  MemoryGateway(
      Vertx vertx,
      ObjectMapper mapper,
      MemoryGatewayConfig config,
      ExecutorConfig executor,
      Tracer tracer,
      HttpTraceContext traceContext,
      RunMetrics metrics) {
    this.config = config;
    this.wire = new GatewayWire(mapper);
    this.token = new GatewayToken(config.tokenFile(), config.token(), config.tenantClaim(), mapper);
    this.tracer = tracer;
    this.traceContext = traceContext;
    this.metrics = metrics;
    this.mapper = mapper;
    // This bean is created on first use, and only runs whose plan includes memory use it: those
    // exist only when the URL is set.
    String base =
        config
            .url()
            .map(String::strip)
            .orElseThrow(() -> new IllegalStateException("MEMORY_GATEWAY_URL is not set"));
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.storeUrl = trimmed + "/v1/memories";
    this.searchUrl = trimmed + "/v1/memories/search";
    this.serverAddress = URI.create(trimmed).getHost();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) config.searchTimeout().toMillis())
                .setMaxPoolSize(Math.max(executor.concurrency(), 4))
                .setKeepAlive(true)
                .setUserAgent("agent-executor")
                // Traced by the executor's own client span instead (see HttpTraceContext).
                .setTracingPolicy(TracingPolicy.IGNORE));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /**
   * Memories for the run's last user message among its user's (and session's) memories, best first;
   * empty when the request has no user message or the gateway did not answer in time. Never fails;
   * does not wait past {@code deadline}.
   */
  public Uni<List<RecalledMemory>> recall(
      AgentRequest request, MemoryPlan plan, Instant deadline, Context parent) {
    Optional<String> query = GatewayWire.query(request, config.maxQueryChars());
    if (query.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    Duration timeout = TimeLeft.until(clock.instant(), deadline, config.searchTimeout());
    return call(
            SEARCH,
            searchUrl,
            request,
            wire.search(request, plan, query.get()),
            timeout,
            parent,
            GatewayWire::memories,
            memories -> (long) memories.size())
        .map(found -> found.orElse(List.of()));
  }

  /**
   * Stores the run's turn: its user messages and the agent's answer, under ids derived from the run
   * id. Completes once stored or given up; never fails.
   */
  public Uni<Void> remember(
      AgentRequest request, String answer, Instant askedAt, Instant answeredAt, Context parent) {
    Optional<JsonNode> body = wire.store(request, answer, askedAt, answeredAt);
    if (body.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return call(
            STORE,
            storeUrl,
            request,
            body.get(),
            config.storeTimeout(),
            parent,
            Function.identity(),
            stored -> (long) body.get().path("messages").size())
        .replaceWithVoid();
  }

  private <T> Uni<Optional<T>> call(
      String operation,
      String url,
      AgentRequest request,
      JsonNode body,
      Duration timeout,
      Context parent,
      Function<JsonNode, T> read,
      Function<T, Long> count) {
    Span span =
        tracer
            .spanBuilder("memory " + operation)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("agent_executor.memory.operation", operation)
            .setAttribute("http.request.method", "POST")
            .setAttribute("server.address", serverAddress)
            .startSpan();
    long started = System.nanoTime();
    Bearer bearer;
    try {
      bearer = token.current().orElse(null);
    } catch (IOException e) {
      return skipped(operation, request, span, "token_unreadable", "token not readable: " + e);
    }
    if (bearer != null && !bearer.tenant().equals(Optional.of(request.tenant()))) {
      return skipped(
          operation,
          request,
          span,
          "tenant_mismatch",
          "the gateway token's "
              + config.tenantClaim()
              + " claim does not name tenant "
              + request.tenant());
    }
    long millis = Math.max(timeout.toMillis(), 1);
    HttpRequest<Buffer> http = client.postAbs(url).timeout(millis);
    http.putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
    // Both: the gateway reads the tenant from the verified token, or from the header in its
    // development mode, where no token is configured.
    http.putHeader(TENANT_HEADER, request.tenant());
    if (bearer != null) {
      http.putHeader("Authorization", "Bearer " + bearer.token());
    }
    traceContext.inject(span, http);
    return http.sendBuffer(Buffer.buffer(body.toString()))
        .ifNoItem()
        .after(Duration.ofMillis(millis))
        .failWith(() -> new TimeoutException("no answer within " + millis + " ms"))
        .map(response -> read.apply(answer(response, span)))
        .map(Optional::of)
        .onItemOrFailure()
        .transform(
            (item, failure) -> {
              String outcome = failure == null ? "success" : outcome(failure);
              metrics.memoryCall(operation, outcome, System.nanoTime() - started);
              span.setAttribute("agent_executor.memory.outcome", outcome);
              if (failure == null) {
                span.setAttribute("agent_executor.memory.items", count.apply(item.orElseThrow()));
                span.end();
                return item;
              }
              span.setStatus(StatusCode.ERROR, outcome);
              span.setAttribute("error.type", outcome);
              span.end();
              LOG.warnf(
                  "run %s: memory %s failed (%s: %s); the run goes on without it",
                  request.runId(), operation, outcome, describe(failure));
              return Optional.empty();
            });
  }

  private <T> Uni<Optional<T>> skipped(
      String operation, AgentRequest request, Span span, String outcome, String detail) {
    metrics.memorySkipped(operation, outcome);
    span.setAttribute("agent_executor.memory.outcome", outcome);
    span.setStatus(StatusCode.ERROR, outcome);
    span.end();
    LOG.warnf(
        "run %s: memory %s skipped (%s): %s; the run goes on without it",
        request.runId(), operation, outcome, detail);
    return Uni.createFrom().item(Optional.empty());
  }

  /** The answer's JSON; a status other than 2xx or a body that is not JSON is a failure. */
  private JsonNode answer(HttpResponse<Buffer> response, Span span) {
    int status = response.statusCode();
    span.setAttribute("http.response.status_code", (long) status);
    if (status / 100 != 2) {
      // The problem+json body may echo request values; the status says enough for the log.
      throw new CallFailed(status >= 500 ? "server_error" : "rejected", "HTTP " + status);
    }
    try {
      Buffer body = response.body();
      return mapper.readTree(body == null ? new byte[0] : body.getBytes());
    } catch (IOException e) {
      throw new CallFailed("invalid_response", "answer is not JSON");
    }
  }

  private static String outcome(Throwable failure) {
    if (failure instanceof CallFailed failed) {
      return failed.outcome;
    }
    // Vert.x's own request timeout is a TimeoutException as well.
    if (failure instanceof TimeoutException) {
      return "timeout";
    }
    if (failure instanceof IllegalArgumentException) {
      return "invalid_response";
    }
    return "unreachable";
  }

  private static String describe(Throwable failure) {
    return failure instanceof CallFailed
        ? failure.getMessage()
        : failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /** A call that got an answer it cannot use; {@code outcome} is the metric label. */
  private static final class CallFailed extends RuntimeException {
    private final String outcome;

    CallFailed(String outcome, String detail) {
      super(detail, null, false, false);
      this.outcome = outcome;
    }
  }
}
