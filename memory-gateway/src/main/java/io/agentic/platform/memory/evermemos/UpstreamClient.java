package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.metrics.GatewayMetrics;
import io.agentic.platform.memory.resilience.Backoff;
import io.agentic.platform.memory.resilience.Bulkhead;
import io.agentic.platform.memory.resilience.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every call to EverMemOS goes through here, with the gateway's rules around the {@link
 * UpstreamTransport}'s exchanges: a bulkhead caps calls in flight, a circuit breaker stops calling
 * an upstream that keeps failing, idempotent calls are retried with exponential backoff (never
 * sooner than EverMemOS's Retry-After), and failures become the gateway's own problems.
 *
 * <p>The attempts run as Vert.x futures and meet Mutiny once, at {@link #send}: every Mutiny
 * operator captures and restores the request's contexts, which on this path cost more than the
 * resilience logic itself, and a retry operator builds its machinery even for calls that never
 * retry. A timer is set only when a retry is actually due.
 */
@ApplicationScoped
public class UpstreamClient {

  private final Vertx vertx;
  private final UpstreamTransport transport;
  private final int retries;
  private final Backoff backoff;
  private final Duration maxBackoff;
  private final Duration breakerOpenFor;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final GatewayMetrics metrics;

  UpstreamClient(
      Vertx vertx,
      UpstreamTransport transport,
      MemoryConfig config,
      GatewayMetrics metrics,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.transport = transport;
    MemoryConfig.Resilience resilience = config.resilience();
    this.retries = resilience.retries();
    this.backoff = new Backoff(resilience.initialBackoff(), resilience.maxBackoff(), 0.2);
    this.maxBackoff = resilience.maxBackoff();
    this.breakerOpenFor = resilience.breakerOpenFor();
    this.breaker =
        new CircuitBreaker(
            resilience.breakerFailureThreshold(), resilience.breakerOpenFor(), Clock.systemUTC());
    this.bulkhead = new Bulkhead(resilience.bulkheadMaxConcurrent());
    this.metrics = metrics;
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
    return transport.healthy(timeout);
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
    return transport
        .exchange(call, parent)
        .transform(
            result -> {
              long nanos = System.nanoTime() - start;
              if (result.succeeded()) {
                breaker.onSuccess();
                metrics.upstream(call.operation(), "success", nanos);
              } else if (result.cause() instanceof UpstreamFailure f) {
                // A refusal of the request itself says the upstream is up.
                if (f.upstreamFault()) {
                  breaker.onFailure();
                } else {
                  breaker.onSuccess();
                }
                metrics.upstream(call.operation(), f.kind().outcome, nanos);
              }
              return result.succeeded()
                  ? Future.succeededFuture(result.result())
                  : Future.failedFuture(result.cause());
            });
  }
}
