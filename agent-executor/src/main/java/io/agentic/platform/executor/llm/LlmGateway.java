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
import io.agentic.platform.executor.retry.Backoff;
import io.agentic.platform.executor.retry.RetryAfter;
import io.agentic.platform.executor.retry.TimeLeft;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Calls the LLM of a run: picks the provider's wire format, retries 429, 5xx and transport failures
 * with exponential backoff or the provider's Retry-After until the run's deadline or the outage
 * window (see {@link RetryPolicy}), and reads at most {@code LLM_MAX_RESPONSE_BYTES} of an answer.
 * One span per call carries the GenAI semantic-convention attributes.
 */
@ApplicationScoped
public class LlmGateway {

  static final String OPENAI_PUBLIC = "https://api.openai.com";
  static final String ANTHROPIC_PUBLIC = "https://api.anthropic.com";

  private final HttpClient client;
  private final BoundedPost post;
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
  private final Clock clock;
  private final RetryPolicy retries;

  LlmGateway(
      Vertx vertx,
      ObjectMapper mapper,
      LlmConfig config,
      OpenAiConfig openAi,
      AnthropicConfig anthropic,
      ExecutorConfig executor,
      Tracer tracer,
      HttpTraceContext traceContext,
      RunMetrics metrics,
      Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
    this.retries =
        new RetryPolicy(
            new Backoff(config.backoffInitial(), config.backoffMax()),
            config.outageWindow(),
            clock);
    this.config = config;
    this.tracer = tracer;
    this.traceContext = traceContext;
    this.metrics = metrics;
    this.context = vertx.getDelegate().getOrCreateContext();
    this.client =
        vertx
            .getDelegate()
            .createHttpClient(
                new HttpClientOptions()
                    .setConnectTimeout((int) Math.min(config.timeout().toMillis(), 10_000))
                    .setKeepAlive(true)
                    // Traced by the executor's own client span instead (see HttpTraceContext).
                    .setTracingPolicy(TracingPolicy.IGNORE),
                new PoolOptions().setHttp1MaxSize(Math.max(executor.concurrency(), 4)));
    this.post = new BoundedPost(client, context, config.maxResponseBytes());
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
   * Completes {@code messages} with the model of {@code call}, giving up with the last failure when
   * it is not retryable, or when the next attempt would start after {@code deadline} or after the
   * provider has been failing for the outage window ({@link LlmFailure#gaveUp()}).
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
    return attempt(provider, call, body, new Attempts(deadline), span)
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
      ProviderCall provider, ModelCall call, JsonNode body, Attempts attempts, Span span) {
    Duration timeout = TimeLeft.until(clock.instant(), attempts.deadline(), config.timeout());
    if (timeout.toMillis() <= 0) {
      return Uni.createFrom()
          .failure(new LlmFailure("run deadline reached", true, 0, Optional.empty()));
    }
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    headers.put("User-Agent", "agent-executor");
    traceContext.inject(span, headers);
    return post.post(provider.url(), headers, body.toString(), timeout)
        .onFailure(failure -> !(failure instanceof LlmFailure))
        .transform(LlmFailure::transport)
        .map(answer -> read(provider, call, answer))
        .onFailure(LlmFailure.class)
        .recoverWithUni(
            failure -> retry(provider, call, body, attempts, span, (LlmFailure) failure));
  }

  private Uni<Completion> retry(
      ProviderCall provider,
      ModelCall call,
      JsonNode body,
      Attempts attempts,
      Span span,
      LlmFailure failure) {
    int failures = attempts.failed(clock.instant());
    Optional<Duration> next =
        retries.nextWait(failure, failures, attempts.failingSince(), attempts.deadline());
    if (next.isEmpty()) {
      return Uni.createFrom().failure(failure.retryable() ? failure.givenUp() : failure);
    }
    Duration wait = next.get();
    span.addEvent(
        "retry",
        Attributes.of(
            AttributeKey.longKey("attempt"),
            (long) failures,
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
        .chain(() -> attempt(provider, call, body, attempts, span));
  }

  /** The failures of one call so far: how many, and since when the provider has been failing. */
  private static final class Attempts {
    private final Instant deadline;
    private int failures;
    private Instant failingSince;

    Attempts(Instant deadline) {
      this.deadline = deadline;
    }

    Instant deadline() {
      return deadline;
    }

    int failed(Instant now) {
      if (failures++ == 0) {
        failingSince = now;
      }
      return failures;
    }

    Instant failingSince() {
      return failingSince;
    }
  }

  private Completion read(ProviderCall provider, ModelCall call, BoundedPost.Answer answer) {
    int status = answer.status();
    Buffer body = answer.body();
    if (status / 100 != 2) {
      boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
      throw new LlmFailure(
          "LLM answered HTTP " + status + ": " + excerpt(body),
          retryable,
          status,
          RetryAfter.parse(answer.retryAfter(), clock.instant()));
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
