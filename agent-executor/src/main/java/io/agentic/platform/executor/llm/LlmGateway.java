package io.agentic.platform.executor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.AnthropicConfig;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.ExecutorConfig.Provider;
import io.agentic.platform.executor.config.LlmConfig;
import io.agentic.platform.executor.config.OpenAiConfig;
import io.agentic.platform.executor.observe.HttpTraceContext;
import io.agentic.platform.executor.observe.RunMetrics;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.ChatMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Calls the LLM of a run: picks the provider's wire format, retries 429, 5xx and transport failures
 * with exponential backoff or the provider's Retry-After, and never waits past the run's deadline.
 * One span per call carries the GenAI semantic-convention attributes.
 */
@ApplicationScoped
public class LlmGateway {

  static final String OPENAI_PUBLIC = "https://api.openai.com";
  static final String ANTHROPIC_PUBLIC = "https://api.anthropic.com";

  private final WebClient client;
  // Every call runs on this one event loop, where its pooled connections live too: a call made
  // from a run thread would otherwise take the run thread's own event loop and hop to the
  // connection's and back for every response.
  private final io.vertx.core.Context context;
  private final ObjectMapper mapper;
  private final LlmConfig config;
  private final Map<Provider, ProviderCall> providers = new EnumMap<>(Provider.class);
  private final Tracer tracer;
  private final HttpTraceContext traceContext;
  private final RunMetrics metrics;
  private final Clock clock = Clock.systemUTC();

  LlmGateway(
      Vertx vertx,
      ObjectMapper mapper,
      LlmConfig config,
      OpenAiConfig openAi,
      AnthropicConfig anthropic,
      ExecutorConfig executor,
      Tracer tracer,
      HttpTraceContext traceContext,
      RunMetrics metrics) {
    this.mapper = mapper;
    this.config = config;
    this.tracer = tracer;
    this.traceContext = traceContext;
    this.metrics = metrics;
    this.context = vertx.getDelegate().getOrCreateContext();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) Math.min(config.timeout().toMillis(), 10_000))
                .setMaxPoolSize(Math.max(executor.concurrency(), 4))
                .setKeepAlive(true)
                .setUserAgent("agent-executor")
                // Traced by the executor's own client span instead (see HttpTraceContext).
                .setTracingPolicy(TracingPolicy.IGNORE));
    providers.put(
        Provider.OPENAI,
        new ChatCompletions(
            mapper, openAi.baseUrl().or(config::baseUrl).orElse(OPENAI_PUBLIC), openAi.apiKey()));
    providers.put(
        Provider.ANTHROPIC,
        new AnthropicMessages(
            mapper,
            anthropic.baseUrl().or(config::baseUrl).orElse(ANTHROPIC_PUBLIC),
            anthropic.apiKey(),
            anthropic.version()));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /**
   * Completes {@code messages} with the model of {@code call}, giving up (with the last retryable
   * failure) when the next attempt could not finish before {@code deadline}.
   */
  public Uni<Completion> complete(
      ModelCall call, List<ChatMessage> messages, Instant deadline, Context parent) {
    ProviderCall provider = providers.get(call.provider());
    JsonNode body = provider.body(call, messages);
    Span span =
        tracer
            .spanBuilder("chat " + call.model())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.system", call.provider().name().toLowerCase())
            .setAttribute("gen_ai.provider.name", call.provider().name().toLowerCase())
            .setAttribute("gen_ai.request.model", call.model())
            .startSpan();
    call.temperature().ifPresent(t -> span.setAttribute("gen_ai.request.temperature", t));
    call.maxTokens().ifPresent(m -> span.setAttribute("gen_ai.request.max_tokens", (long) m));
    long started = System.nanoTime();
    return attempt(provider, call, body, 1, deadline, span)
        .invoke(
            completion -> {
              span.setAttribute("gen_ai.response.model", completion.model());
              span.setAttribute("gen_ai.usage.input_tokens", (long) completion.inputTokens());
              span.setAttribute("gen_ai.usage.output_tokens", (long) completion.outputTokens());
              metrics.llmCall(call, true, System.nanoTime() - started, completion);
            })
        .onFailure()
        .invoke(
            failure -> {
              span.setStatus(StatusCode.ERROR, failure.getMessage());
              span.setAttribute("error.type", errorType(failure));
              metrics.llmCall(call, false, System.nanoTime() - started, null);
            })
        .onTermination()
        .invoke(span::end);
  }

  private Uni<Completion> attempt(
      ProviderCall provider,
      ModelCall call,
      JsonNode body,
      int attempt,
      Instant deadline,
      Span span) {
    Duration timeout = Duration.between(clock.instant(), deadline);
    if (timeout.compareTo(config.timeout()) > 0) {
      timeout = config.timeout();
    }
    if (timeout.toMillis() <= 0) {
      return Uni.createFrom()
          .failure(new LlmFailure("run deadline reached", true, 0, Optional.empty()));
    }
    HttpRequest<Buffer> request = client.postAbs(provider.url()).timeout(timeout.toMillis());
    request.putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
    provider.headers().forEach(request::putHeader);
    traceContext.inject(span, request);
    return request
        .sendBuffer(Buffer.buffer(body.toString()))
        .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
        .onFailure()
        .transform(LlmFailure::transport)
        .map(response -> read(provider, call, response))
        .onFailure(LlmFailure.class)
        .recoverWithUni(
            failure -> retry(provider, call, body, attempt, deadline, span, (LlmFailure) failure));
  }

  private Uni<Completion> retry(
      ProviderCall provider,
      ModelCall call,
      JsonNode body,
      int attempt,
      Instant deadline,
      Span span,
      LlmFailure failure) {
    if (!failure.retryable() || attempt >= config.maxAttempts()) {
      return Uni.createFrom().failure(failure);
    }
    Duration wait = failure.retryAfter().orElse(backoff(attempt));
    if (wait.compareTo(config.backoffMax()) > 0) {
      wait = config.backoffMax();
    }
    if (clock.instant().plus(wait).isAfter(deadline)) {
      return Uni.createFrom().failure(failure);
    }
    span.addEvent(
        "retry",
        Attributes.of(
            AttributeKey.longKey("attempt"),
            (long) attempt,
            AttributeKey.longKey("http.response.status_code"),
            (long) failure.status(),
            AttributeKey.longKey("wait_ms"),
            wait.toMillis()));
    metrics.llmRetry(call);
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(wait.isZero() ? Duration.ofMillis(1) : wait)
        .chain(() -> attempt(provider, call, body, attempt + 1, deadline, span));
  }

  private Duration backoff(int attempt) {
    long millis = config.backoffInitial().toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, config.backoffMax().toMillis()));
  }

  private Completion read(ProviderCall provider, ModelCall call, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    Buffer body = response.body();
    if (body != null && body.length() > config.maxResponseBytes()) {
      throw new LlmFailure(
          "LLM answer of " + body.length() + " bytes exceeds " + config.maxResponseBytes(),
          false,
          status,
          Optional.empty());
    }
    if (status / 100 != 2) {
      boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
      throw new LlmFailure(
          "LLM answered HTTP " + status + ": " + excerpt(body),
          retryable,
          status,
          RetryAfter.parse(response.getHeader("Retry-After"), clock.instant()));
    }
    JsonNode json;
    try {
      json = mapper.readTree(body == null ? new byte[0] : body.getBytes());
    } catch (IOException e) {
      throw new LlmFailure("LLM answer is not JSON", true, status, Optional.empty());
    }
    return provider.read(json, call);
  }

  /** Providers explain rejections in the body; a short excerpt helps without flooding records. */
  private static String excerpt(Buffer body) {
    if (body == null) {
      return "";
    }
    String text = body.toString();
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static String errorType(Throwable failure) {
    if (failure instanceof LlmFailure llm && llm.status() > 0) {
      return Integer.toString(llm.status());
    }
    return failure instanceof TimeoutException || failure instanceof HttpClosedException
        ? "timeout"
        : failure.getClass().getSimpleName();
  }
}
