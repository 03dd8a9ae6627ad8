package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.metrics.GatewayMetrics;
import io.agentic.platform.memory.resilience.Backoff;
import io.agentic.platform.memory.resilience.BreakerStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Every call to EverMemOS goes through here, with the gateway's rules around the {@link
 * UpstreamTransport}'s exchanges, applied by a SmallRye Fault Tolerance guard: idempotent calls are
 * retried with exponential backoff (never sooner than EverMemOS's Retry-After), a circuit breaker
 * stops calling an upstream that keeps failing, a bulkhead caps the attempts in flight, and
 * failures become the gateway's own problems.
 */
@ApplicationScoped
public class UpstreamClient {

  private static final TypeLiteral<CompletionStage<JsonNode>> ANSWER = new TypeLiteral<>() {};

  private final UpstreamTransport transport;
  private final TypedGuard<CompletionStage<JsonNode>> guard;
  private final BreakerStatus breaker;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final GatewayMetrics metrics;

  UpstreamClient(
      UpstreamTransport transport,
      MemoryConfig config,
      GatewayMetrics metrics,
      MeterRegistry registry) {
    this.transport = transport;
    this.metrics = metrics;
    MemoryConfig.Resilience resilience = config.resilience();
    this.breaker = new BreakerStatus(resilience.breakerOpenFor(), Clock.systemUTC());
    Backoff backoff = new Backoff(resilience.initialBackoff(), resilience.maxBackoff(), 0.2);
    Duration maxBackoff = resilience.maxBackoff();
    this.guard =
        TypedGuard.create(ANSWER)
            .withDescription("EverMemOS")
            .withRetry()
            .maxRetries(resilience.retries())
            // A wait longer than the gateway's longest backoff is the caller's to make: the 503
            // carries EverMemOS's Retry-After.
            .whenException(
                failure ->
                    failure instanceof UpstreamFailure f
                        && f.retryable()
                        && f.retryAfter().map(told -> told.compareTo(maxBackoff) <= 0).orElse(true))
            .withCustomBackoff()
            .strategy(() -> new RetryAfterBackoff(backoff))
            .done()
            .done()
            // N consecutive failures are N failures in a window of the last N attempts.
            .withCircuitBreaker()
            .requestVolumeThreshold(resilience.breakerFailureThreshold())
            .failureRatio(1.0)
            .successThreshold(1)
            .delay(resilience.breakerOpenFor().toMillis(), ChronoUnit.MILLIS)
            // A refusal of the request itself says the upstream is up.
            .when(failure -> failure instanceof UpstreamFailure f && f.upstreamFault())
            .onStateChange(breaker::changedTo)
            .done()
            // Asynchronous calls need a waiting place in the queue: one, so the rest are refused.
            .withBulkhead()
            .limit(resilience.bulkheadMaxConcurrent())
            .queueSize(1)
            .done()
            .build();
    Gauge.builder(
            "memory_gateway.upstream.breaker.open",
            breaker,
            b -> b.state() == CircuitBreakerState.CLOSED ? 0 : 1)
        .description("1 while the EverMemOS circuit breaker is open or half-open")
        .register(registry);
    Gauge.builder("memory_gateway.upstream.in_flight", inFlight, AtomicInteger::get)
        .description("Calls to EverMemOS in flight")
        .register(registry);
  }

  public CircuitBreakerState breakerState() {
    return breaker.state();
  }

  /**
   * Sends the call with the gateway's resilience rules; fails with a ProblemException. The guard
   * works on CompletionStages and the answer meets Mutiny once, here: every Mutiny operator
   * captures and restores the request's contexts, which on this path costs more than the rules.
   */
  public Uni<JsonNode> send(UpstreamCall call) {
    Context parent = Context.current();
    return Uni.createFrom()
        .emitter(
            emitter ->
                guard
                    .get(() -> attempt(call, parent))
                    .whenComplete(
                        (answer, failure) -> {
                          if (failure == null) {
                            emitter.complete(answer);
                          } else {
                            emitter.fail(problem(call, unwrap(failure)));
                          }
                        }));
  }

  /** Answers whether GET /health says healthy; never throws, bypasses breaker and retries. */
  public Uni<Boolean> healthy(Duration timeout) {
    return transport.healthy(timeout);
  }

  /** One exchange, counted and timed; the failures of a call sent only once are never retried. */
  private CompletionStage<JsonNode> attempt(UpstreamCall call, Context parent) {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    return transport
        .exchange(call, parent)
        .transform(
            result -> {
              inFlight.decrementAndGet();
              long nanos = System.nanoTime() - start;
              if (result.succeeded()) {
                metrics.upstream(call.operation(), "success", nanos);
                return Future.succeededFuture(result.result());
              }
              Throwable failure = result.cause();
              if (failure instanceof UpstreamFailure f) {
                metrics.upstream(call.operation(), f.kind().outcome, nanos);
                failure = call.idempotent() ? f : f.sentOnce();
              }
              return Future.<JsonNode>failedFuture(failure);
            })
        .toCompletionStage();
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private Throwable problem(UpstreamCall call, Throwable failure) {
    UpstreamFailure upstream;
    if (failure instanceof UpstreamFailure f) {
      upstream = f;
    } else if (failure instanceof CircuitBreakerOpenException) {
      upstream = UpstreamFailure.breakerOpen(breaker.untilTrial());
      metrics.upstream(call.operation(), upstream.kind().outcome, 0);
    } else if (failure instanceof BulkheadException) {
      upstream = UpstreamFailure.of(UpstreamFailure.Kind.BULKHEAD_FULL);
      metrics.upstream(call.operation(), upstream.kind().outcome, 0);
    } else {
      return failure;
    }
    Duration hint =
        breaker.state() == CircuitBreakerState.CLOSED
            ? Duration.ofSeconds(1)
            : breaker.untilTrial();
    return upstream.toProblem(call.operation(), hint).asException();
  }
}
