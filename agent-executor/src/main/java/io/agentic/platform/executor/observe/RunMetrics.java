package io.agentic.platform.executor.observe;

import io.agentic.platform.executor.config.ExecutorConfig.Provider;
import io.agentic.platform.executor.llm.Completion;
import io.agentic.platform.executor.outage.Dependency;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.run.FailureReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor's metrics ({@code agent_executor_*} in Prometheus). Labels are bounded: outcomes,
 * providers, token kinds, memory operations and failure reasons, never run ids or tenants.
 */
@ApplicationScoped
public class RunMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter redeliveries;
  // Registered once: looking a meter up by name and tags costs more than recording into it.
  private final Map<Outcome, Counter> runs = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);
  private final Map<Provider, LlmMeters> llm = new EnumMap<>(Provider.class);
  private final Map<Dependency, AtomicInteger> dependencyUp = new EnumMap<>(Dependency.class);

  RunMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("agent_executor.runs.in.flight", inFlight);
    this.redeliveries =
        Counter.builder("agent_executor.redeliveries")
            .description("Request deliveries that were not the first")
            .register(registry);
    for (Outcome outcome : Outcome.values()) {
      runs.put(
          outcome,
          Counter.builder("agent_executor.runs")
              .description("Request deliveries by outcome")
              .tag("outcome", outcome.label())
              .register(registry));
      durations.put(
          outcome,
          Timer.builder("agent_executor.run.duration")
              .description("Time from pickup to ack, nak or term")
              .tag("outcome", outcome.label())
              .publishPercentileHistogram()
              .register(registry));
    }
    for (Dependency dependency : Dependency.values()) {
      AtomicInteger up = new AtomicInteger(1);
      dependencyUp.put(dependency, up);
      Gauge.builder("agent_executor.dependency.up", up, AtomicInteger::get)
          .description("1 while runs can reach the dependency, 0 during an outage")
          .tag("dependency", dependency.label())
          .register(registry);
    }
    for (Provider provider : Provider.values()) {
      llm.put(provider, LlmMeters.register(registry, provider.name().toLowerCase(Locale.ROOT)));
    }
    // At 0 from the start, so the dashboard's dead-letter panel (an increase()) answers before the
    // first one; the reasons are a fixed set.
    for (FailureReason reason : FailureReason.values()) {
      deadLetters(registry, reason);
    }
  }

  public void started() {
    inFlight.incrementAndGet();
  }

  /** A delivery ended {@code nanos} after its pickup. */
  public void ended(Outcome outcome, long nanos) {
    inFlight.decrementAndGet();
    runs.get(outcome).increment();
    durations.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
  }

  public void dependencyDown(Dependency dependency, boolean down) {
    dependencyUp.get(dependency).set(down ? 0 : 1);
  }

  public void redelivered() {
    redeliveries.increment();
  }

  public void deadLettered(FailureReason reason) {
    deadLetters(registry, reason).increment();
  }

  private static Counter deadLetters(MeterRegistry registry, FailureReason reason) {
    return Counter.builder("agent_executor.dead.letters")
        .description("Requests given up, by reason")
        .tag("reason", reason.code())
        .register(registry);
  }

  /** An LLM call ended, retries included; {@code completion} is null when it failed. */
  public void llmCall(ModelCall call, boolean succeeded, long nanos, Completion completion) {
    LlmMeters meters = llm.get(call.provider());
    (succeeded ? meters.succeeded() : meters.failed()).record(nanos, TimeUnit.NANOSECONDS);
    if (completion != null) {
      meters.inputTokens().increment(completion.inputTokens());
      meters.outputTokens().increment(completion.outputTokens());
    }
  }

  public void llmRetry(ModelCall call) {
    llm.get(call.provider()).retries().increment();
  }

  /** A memory-gateway call ended; {@code outcome} is success or why it failed. */
  public void memoryCall(String operation, String outcome, long nanos) {
    memoryCalls(operation, outcome).increment();
    Timer.builder("agent_executor.memory.duration")
        .description("Memory-gateway calls")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A memory-gateway call that was not made, e.g. because the token is for another tenant. */
  public void memorySkipped(String operation, String outcome) {
    memoryCalls(operation, outcome).increment();
  }

  private Counter memoryCalls(String operation, String outcome) {
    return Counter.builder("agent_executor.memory.calls")
        .description("Memory-gateway calls by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** The LLM meters of one provider. */
  private record LlmMeters(
      Timer succeeded, Timer failed, Counter inputTokens, Counter outputTokens, Counter retries) {

    static LlmMeters register(MeterRegistry registry, String provider) {
      return new LlmMeters(
          llmDuration(registry, provider, "success"),
          llmDuration(registry, provider, "error"),
          tokens(registry, provider, "input"),
          tokens(registry, provider, "output"),
          Counter.builder("agent_executor.llm.retries")
              .description("LLM attempts repeated after 429, 5xx or a transport failure")
              .tag("provider", provider)
              .register(registry));
    }

    private static Timer llmDuration(MeterRegistry registry, String provider, String outcome) {
      return Timer.builder("agent_executor.llm.duration")
          .description("LLM calls, retries included")
          .tag("provider", provider)
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .register(registry);
    }

    private static Counter tokens(MeterRegistry registry, String provider, String type) {
      return Counter.builder("agent_executor.llm.tokens")
          .description("Tokens reported by the provider")
          .tag("provider", provider)
          .tag("type", type)
          .register(registry);
    }
  }

  /** The outcomes a delivery can have, as metric label values. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    DEAD,
    DUPLICATE,
    RETRY,
    INTERRUPTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
