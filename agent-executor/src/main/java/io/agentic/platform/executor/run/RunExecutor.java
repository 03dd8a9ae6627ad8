package io.agentic.platform.executor.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.llm.Completion;
import io.agentic.platform.executor.llm.LlmFailure;
import io.agentic.platform.executor.llm.LlmGateway;
import io.agentic.platform.executor.memory.MemoryGateway;
import io.agentic.platform.executor.memory.RecalledMemory;
import io.agentic.platform.executor.observe.NatsTraceContext;
import io.agentic.platform.executor.observe.RunMetrics;
import io.agentic.platform.executor.observe.RunMetrics.Outcome;
import io.agentic.platform.executor.profile.AgentProfiles;
import io.agentic.platform.executor.profile.MemoryPlan;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.publish.ResultPublisher;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.ChatMessage;
import io.agentic.platform.executor.request.RejectedRequest;
import io.agentic.platform.executor.request.RequestParser;
import io.agentic.platform.executor.session.SessionContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * The pipeline for one delivery: validate, claim the run, load session context, retrieve memories,
 * call the LLM, store the result, update the session, store the turn in memory, publish the result;
 * and decide whether the message is acked, redelivered later or terminated with a dead letter. Runs
 * on a run worker thread: it blocks on PostgreSQL, Redis, the memory-gateway and the LLM call.
 */
@ApplicationScoped
public class RunExecutor {

  private static final Logger LOG = Logger.getLogger(RunExecutor.class);
  // Time kept back from a run's lease for storing and publishing after the LLM answered.
  private static final Duration FINISH_MARGIN = Duration.ofSeconds(5);

  private final ExecutorConfig config;
  private final NatsConfig nats;
  private final RequestParser parser;
  private final AgentProfiles profiles;
  private final RunStore store;
  private final SessionContext sessions;
  private final LlmGateway llm;
  private final MemoryGateway memory;
  private final MemoryGatewayConfig memoryConfig;
  private final ResultPublisher publisher;
  private final ObjectMapper mapper;
  private final RunMetrics metrics;
  private final Tracer tracer;
  private final NatsTraceContext traceContext;
  private final Clock clock = Clock.systemUTC();

  RunExecutor(
      ExecutorConfig config,
      NatsConfig nats,
      AgentProfiles profiles,
      RunStore store,
      SessionContext sessions,
      LlmGateway llm,
      MemoryGateway memory,
      MemoryGatewayConfig memoryConfig,
      ResultPublisher publisher,
      ObjectMapper mapper,
      RunMetrics metrics,
      Tracer tracer,
      NatsTraceContext traceContext) {
    this.config = config;
    this.nats = nats;
    this.parser = new RequestParser(mapper);
    this.profiles = profiles;
    this.store = store;
    this.sessions = sessions;
    this.llm = llm;
    this.memory = memory;
    this.memoryConfig = memoryConfig;
    this.publisher = publisher;
    this.mapper = mapper;
    this.metrics = metrics;
    this.tracer = tracer;
    this.traceContext = traceContext;
  }

  public Disposition execute(Delivery delivery) {
    metrics.started();
    if (delivery.deliveredCount() > 1) {
      metrics.redelivered();
    }
    Span span =
        tracer
            .spanBuilder("invoke_agent")
            .setParent(traceContext.extract(delivery.headers()))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("gen_ai.operation.name", "invoke_agent")
            .setAttribute("messaging.system", "nats")
            .setAttribute("messaging.message.delivery_count", delivery.deliveredCount())
            .startSpan();
    Step step;
    try (Scope ignored = span.makeCurrent()) {
      step = run(delivery, span);
    } catch (RuntimeException unexpected) {
      LOG.errorf(unexpected, "run pipeline failed unexpectedly");
      step = new Step(Outcome.RETRY, new Disposition.Nak(redeliveryDelay(delivery)));
    }
    span.setAttribute("agent_executor.outcome", step.outcome().label());
    if (step.outcome() == Outcome.DEAD || step.outcome() == Outcome.FAILED) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    metrics.ended(step.outcome(), System.nanoTime() - delivery.pickedUpNanos());
    return step.disposition();
  }

  private Step run(Delivery delivery, Span span) {
    if (delivery.payload().length > config.maxRequestBytes()) {
      return deadLetter(
          delivery,
          null,
          FailureReason.PAYLOAD_TOO_LARGE,
          "request of "
              + delivery.payload().length
              + " bytes exceeds the limit of "
              + config.maxRequestBytes(),
          false);
    }
    AgentRequest request;
    try {
      request = parser.parse(delivery.payload());
    } catch (RejectedRequest rejected) {
      return deadLetter(delivery, null, rejected.reason(), rejected.getMessage(), false);
    }
    span.setAttribute("gen_ai.agent.name", request.agent());
    span.setAttribute("agent_executor.run_id", request.runId());
    span.setAttribute("agent_executor.tenant", request.tenant());
    request.sessionId().ifPresent(s -> span.setAttribute("gen_ai.conversation.id", s));
    request.userId().ifPresent(u -> span.setAttribute("user.id", u));

    ModelCall call;
    MemoryPlan memoryPlan;
    try {
      call = profiles.resolve(request);
      memoryPlan = profiles.memory(request);
    } catch (RejectedRequest rejected) {
      return deadLetter(delivery, request, rejected.reason(), rejected.getMessage(), false);
    }
    if (request.deadlinePassed(clock.instant())) {
      return deadLetter(
          delivery,
          request,
          FailureReason.DEADLINE_EXCEEDED,
          "deadline " + request.deadline().orElseThrow() + " passed before the run started",
          false);
    }

    Claim claim;
    try {
      claim =
          store.claim(
              request,
              RequestDigest.sha256(delivery.payload()),
              replySubject(request),
              delivery.pickedUpAt(),
              config.runLease());
    } catch (Exception e) {
      return transientFailure(
          delivery, request, "claiming the run failed: " + e.getMessage(), false);
    }
    if (claim instanceof Claim.Conflict) {
      return deadLetter(
          delivery,
          request,
          FailureReason.RUN_ID_CONFLICT,
          "run id "
              + request.runId()
              + " of tenant "
              + request.tenant()
              + " was sent before with another request body; a run id names one request",
          false);
    }
    if (claim instanceof Claim.Finished finished) {
      // A duplicate or a redelivery of a run that ended: its stored result goes out again, to
      // where it went first, whatever subject this copy of the request names.
      if (finished.resultJson() != null) {
        publisher.result(
            finished.replySubject() != null ? finished.replySubject() : replySubject(request),
            request.runId(),
            finished.resultJson().getBytes(StandardCharsets.UTF_8));
      }
      return new Step(Outcome.DUPLICATE, Disposition.ACK);
    }
    if (claim instanceof Claim.Busy busy) {
      // Someone else works on this run now; look again when its lease would have run out.
      return new Step(Outcome.RETRY, new Disposition.Nak(busy.leaseRemaining().plusMillis(250)));
    }
    return execute(delivery, request, call, memoryPlan, ((Claim.Owned) claim).attempt(), span);
  }

  private Step execute(
      Delivery delivery,
      AgentRequest request,
      ModelCall call,
      MemoryPlan memoryPlan,
      int attempt,
      Span span) {
    Instant startedAt = clock.instant();
    List<ChatMessage> sessionTurns;
    try {
      sessionTurns =
          request.sessionId().isPresent()
              ? sessions.recent(request.tenant(), request.sessionId().get())
              : List.of();
    } catch (RuntimeException e) {
      return release(delivery, request, "loading session context failed: " + e.getMessage());
    }

    Instant leaseEnd = startedAt.plus(config.runLease()).minus(FINISH_MARGIN);
    Instant until = request.deadline().filter(d -> d.isBefore(leaseEnd)).orElse(leaseEnd);
    List<RecalledMemory> memories = List.of();
    if (memoryPlan.retrieve()) {
      try {
        // The call never fails and ends by its own timeout; only an interrupt ends the wait early.
        memories =
            memory.recall(request, memoryPlan, until, Context.current()).await().indefinitely();
      } catch (CompletionException interrupted) {
        releaseQuietly(request);
        return new Step(Outcome.INTERRUPTED, new Disposition.Nak(Duration.ZERO));
      }
      span.setAttribute("agent_executor.memory.recalled", (long) memories.size());
    }
    List<ChatMessage> conversation =
        PromptAssembly.messages(
            memories, sessionTurns, request.messages(), memoryConfig.maxPromptChars());

    Completion completion;
    long llmStarted = System.nanoTime();
    try {
      completion =
          llm.complete(call, conversation, until, Context.current())
              .await()
              .atMost(Duration.between(clock.instant(), until).plus(FINISH_MARGIN).abs());
    } catch (LlmFailure failure) {
      if (request.deadlinePassed(clock.instant())) {
        return deadLetter(
            delivery, request, FailureReason.DEADLINE_EXCEEDED, failure.getMessage(), true);
      }
      if (!failure.retryable()) {
        return failRun(delivery, request, call, attempt, startedAt, failure.getMessage());
      }
      return release(delivery, request, failure.getMessage());
    } catch (CompletionException | io.smallrye.mutiny.TimeoutException e) {
      if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
        releaseQuietly(request);
        return new Step(Outcome.INTERRUPTED, new Disposition.Nak(Duration.ZERO));
      }
      if (request.deadlinePassed(clock.instant())) {
        return deadLetter(
            delivery, request, FailureReason.DEADLINE_EXCEEDED, "LLM call timed out", true);
      }
      return release(delivery, request, "LLM call did not finish: " + e);
    }
    long llmMs = (System.nanoTime() - llmStarted) / 1_000_000;

    ResultEvent event =
        new ResultEvent(
            ResultEvent.VERSION,
            request.runId(),
            request.tenant(),
            request.agent(),
            request.sessionId().orElse(null),
            RunStatus.SUCCEEDED.value(),
            completion.text(),
            completion.model(),
            new ResultEvent.Usage(completion.inputTokens(), completion.outputTokens()),
            timings(delivery, startedAt, llmMs),
            null,
            attempt);
    String json = json(event);
    try {
      if (!store.finish(
          request,
          attempt,
          RunStatus.SUCCEEDED,
          completion.model(),
          completion.inputTokens(),
          completion.outputTokens(),
          null,
          null,
          json)) {
        return overtaken(request, attempt);
      }
    } catch (Exception e) {
      return release(delivery, request, "storing the result failed: " + e.getMessage());
    }
    span.setAttribute("gen_ai.response.model", completion.model());
    span.setAttribute("gen_ai.usage.input_tokens", (long) completion.inputTokens());
    span.setAttribute("gen_ai.usage.output_tokens", (long) completion.outputTokens());
    request.sessionId().ifPresent(session -> updateSession(request, session, completion.text()));
    if (memoryPlan.store()) {
      remember(request, completion.text(), startedAt);
    }
    publisher.result(replySubject(request), request.runId(), json.getBytes(StandardCharsets.UTF_8));
    return new Step(Outcome.SUCCEEDED, Disposition.ACK);
  }

  /**
   * This delivery's lease ran out and a later attempt took the run over: what that attempt stores
   * and publishes is the run's result, so this one's is dropped and the message acked.
   */
  private Step overtaken(AgentRequest request, int attempt) {
    LOG.warnf(
        "run %s: attempt %d was taken over by a later attempt after its lease ran out; its result"
            + " is not stored or published",
        request.runId(), attempt);
    return new Step(Outcome.DUPLICATE, Disposition.ACK);
  }

  /** The result is durable already; a session that misses this turn is logged, not retried. */
  private void updateSession(AgentRequest request, String session, String answer) {
    List<ChatMessage> turns = new ArrayList<>();
    request.messages().stream().filter(m -> !m.role().equals("system")).forEach(turns::add);
    turns.add(new ChatMessage("assistant", answer));
    try {
      sessions.append(request.tenant(), session, turns);
    } catch (RuntimeException e) {
      LOG.warnf("run %s: session context not updated: %s", request.runId(), e.getMessage());
    }
  }

  /**
   * The result is durable already, so the run succeeds whatever the gateway does; a turn not stored
   * is counted and logged by the gateway client. Waiting for it before the result goes out lets a
   * requester's next run find this turn.
   */
  private void remember(AgentRequest request, String answer, Instant startedAt) {
    try {
      memory
          .remember(request, answer, startedAt, clock.instant(), Context.current())
          .await()
          .indefinitely();
    } catch (CompletionException interrupted) {
      // Shutting down: publishing and acking the stored result matter more than the memory.
      LOG.warnf("run %s: interrupted while storing the turn in memory", request.runId());
    }
  }

  /** The provider refused the request for good: the run fails, and the request is dead-lettered. */
  private Step failRun(
      Delivery delivery,
      AgentRequest request,
      ModelCall call,
      int attempt,
      Instant startedAt,
      String detail) {
    ResultEvent event =
        errorEvent(
            request, RunStatus.FAILED, FailureReason.LLM_REJECTED, detail, delivery, attempt);
    String json = json(event);
    try {
      if (!store.finish(
          request,
          attempt,
          RunStatus.FAILED,
          call.model(),
          null,
          null,
          FailureReason.LLM_REJECTED.code(),
          detail,
          json)) {
        return overtaken(request, attempt);
      }
    } catch (Exception e) {
      return release(delivery, request, "storing the failure failed: " + e.getMessage());
    }
    publisher.result(replySubject(request), request.runId(), json.getBytes(StandardCharsets.UTF_8));
    publishDeadLetter(delivery, request, FailureReason.LLM_REJECTED, detail);
    return new Step(Outcome.FAILED, Disposition.TERM);
  }

  /**
   * Gives up on a request: records the run as dead when there is one, tells the requester with a
   * result event, and publishes a dead-letter record with the reason and the original payload.
   */
  private Step deadLetter(
      Delivery delivery,
      AgentRequest request,
      FailureReason reason,
      String detail,
      boolean claimed) {
    LOG.warnf(
        "dead-lettering stream sequence %d (run %s): %s: %s",
        delivery.streamSequence(),
        request == null ? "unknown" : request.runId(),
        reason.code(),
        detail);
    if (request != null) {
      ResultEvent event =
          errorEvent(
              request, RunStatus.DEAD, reason, detail, delivery, (int) delivery.deliveredCount());
      String json = json(event);
      try {
        store.recordDead(request, reason, detail, json, claimed);
      } catch (Exception e) {
        // The dead letter still carries the request; the run row catches up if it is sent again.
        LOG.warnf("run %s: dead status not stored: %s", request.runId(), e.getMessage());
      }
      publisher.result(
          replySubject(request), request.runId(), json.getBytes(StandardCharsets.UTF_8));
    }
    publishDeadLetter(delivery, request, reason, detail);
    return new Step(Outcome.DEAD, Disposition.TERM);
  }

  private void publishDeadLetter(
      Delivery delivery, AgentRequest request, FailureReason reason, String detail) {
    DeadLetter record =
        new DeadLetter(
            DeadLetter.VERSION,
            reason.code(),
            detail,
            request == null ? null : request.runId(),
            request == null ? null : request.tenant(),
            nats.stream(),
            nats.consumer(),
            delivery.streamSequence(),
            delivery.deliveredCount(),
            clock.instant(),
            Base64.getEncoder().encodeToString(delivery.payload()));
    publisher.deadLetter(
        config.deadLetterSubject(),
        request == null ? null : request.runId(),
        reason.code(),
        json(record).getBytes(StandardCharsets.UTF_8));
    metrics.deadLettered(reason);
  }

  /** A failure after the claim: hand the run back so the redelivery can take it at once. */
  private Step release(Delivery delivery, AgentRequest request, String detail) {
    releaseQuietly(request);
    return transientFailure(delivery, request, detail, true);
  }

  private void releaseQuietly(AgentRequest request) {
    try {
      store.release(request);
    } catch (Exception e) {
      // Unreachable store: the run's lease runs out instead.
      LOG.debugf("run %s not released: %s", request.runId(), e.getMessage());
    }
  }

  private Step transientFailure(
      Delivery delivery, AgentRequest request, String detail, boolean claimed) {
    if (delivery.deliveredCount() >= config.maxDeliveries()) {
      return deadLetter(
          delivery,
          request,
          FailureReason.MAX_DELIVERIES,
          "gave up after " + delivery.deliveredCount() + " deliveries; last failure: " + detail,
          claimed);
    }
    LOG.infof(
        "run %s: delivery %d failed, redelivering: %s",
        request.runId(), delivery.deliveredCount(), detail);
    return new Step(Outcome.RETRY, new Disposition.Nak(redeliveryDelay(delivery)));
  }

  private Duration redeliveryDelay(Delivery delivery) {
    long shift = Math.min(Math.max(delivery.deliveredCount() - 1, 0), 20);
    long millis = config.redeliveryBackoffInitial().toMillis() << shift;
    return Duration.ofMillis(Math.min(millis, config.redeliveryBackoffMax().toMillis()));
  }

  private ResultEvent errorEvent(
      AgentRequest request,
      RunStatus status,
      FailureReason reason,
      String detail,
      Delivery delivery,
      int attempts) {
    return new ResultEvent(
        ResultEvent.VERSION,
        request.runId(),
        request.tenant(),
        request.agent(),
        request.sessionId().orElse(null),
        status.value(),
        null,
        null,
        null,
        timings(delivery, null, null),
        new ResultEvent.Error(reason.code(), detail),
        attempts);
  }

  private ResultEvent.Timings timings(Delivery delivery, Instant startedAt, Long llmMs) {
    Instant now = clock.instant();
    return new ResultEvent.Timings(
        delivery.pickedUpAt(),
        startedAt,
        now,
        llmMs,
        Duration.between(delivery.pickedUpAt(), now).toMillis());
  }

  private String replySubject(AgentRequest request) {
    return request.replyTo().orElse(config.resultsSubject());
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private record Step(Outcome outcome, Disposition disposition) {}
}
