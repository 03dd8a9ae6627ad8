package io.agentic.platform.executor.observe;

import io.agentic.platform.executor.llm.Completion;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.run.FailureReason;
import io.micrometer.core.instrument.Counter;
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

  public void redelivered() {
    redeliveries.increment();
  }

  public void deadLettered(FailureReason reason) {
    Counter.builder("agent_executor.dead.letters")
        .description("Requests given up, by reason")
        .tag("reason", reason.code())
        .register(registry)
        .increment();
  }

  public void llmCall(ModelCall call, String outcome, long nanos, Completion completion) {
    String provider = provider(call);
    Timer.builder("agent_executor.llm.duration")
        .description("LLM calls, retries included")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (completion != null) {
      tokens(provider, "input").increment(completion.inputTokens());
      tokens(provider, "output").increment(completion.outputTokens());
    }
  }

  public void llmRetry(ModelCall call) {
    Counter.builder("agent_executor.llm.retries")
        .description("LLM attempts repeated after 429, 5xx or a transport failure")
        .tag("provider", provider(call))
        .register(registry)
        .increment();
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

  private Counter tokens(String provider, String type) {
    return Counter.builder("agent_executor.llm.tokens")
        .description("Tokens reported by the provider")
        .tag("provider", provider)
        .tag("type", type)
        .register(registry);
  }

  private static String provider(ModelCall call) {
    return call.provider().name().toLowerCase(Locale.ROOT);
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
