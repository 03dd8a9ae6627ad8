package io.agentic.platform.executor.run;

import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.llm.Completion;
import io.agentic.platform.executor.llm.LlmFailure;
import io.agentic.platform.executor.llm.LlmGateway;
import io.agentic.platform.executor.memory.MemoryGateway;
import io.agentic.platform.executor.memory.RecalledMemory;
import io.agentic.platform.executor.observe.RunMetrics.Outcome;
import io.agentic.platform.executor.outage.Dependency;
import io.agentic.platform.executor.outage.DependencyCalls;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.ChatMessage;
import io.agentic.platform.executor.run.Outcomes.Step;
import io.agentic.platform.executor.run.Verdict.Admitted;
import io.agentic.platform.executor.session.SessionContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Executes a run this delivery owns: session context, memories, the LLM call, the stored result,
 * the session and memory updates, the published result. Runs on a run thread and blocks on each
 * step; PostgreSQL, Redis and NATS outages are waited out (the LLM's by its own retries), so only
 * the deadline, the provider, or a fault ends a run early.
 */
@ApplicationScoped
public class RunExecution {

  private static final Logger LOG = Logger.getLogger(RunExecution.class);
  // Time kept back from a run's deadline for storing and publishing after the LLM answered.
  private static final Duration FINISH_MARGIN = Duration.ofSeconds(5);

  private final SessionContext sessions;
  private final LlmGateway llm;
  private final MemoryGateway memory;
  private final MemoryGatewayConfig memoryConfig;
  private final RunStore store;
  private final LeaseKeeper leases;
  private final DependencyCalls calls;
  private final ResultEvents events;
  private final Outcomes outcomes;
  private final Clock clock;

  RunExecution(
      SessionContext sessions,
      LlmGateway llm,
      MemoryGateway memory,
      MemoryGatewayConfig memoryConfig,
      RunStore store,
      LeaseKeeper leases,
      DependencyCalls calls,
      ResultEvents events,
      Outcomes outcomes,
      Clock clock) {
    this.sessions = sessions;
    this.llm = llm;
    this.memory = memory;
    this.memoryConfig = memoryConfig;
    this.store = store;
    this.leases = leases;
    this.calls = calls;
    this.events = events;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  Step execute(Delivery delivery, Admitted admitted, int attempt, Span span)
      throws InterruptedException {
    AgentRequest request = admitted.request();
    try (LeaseKeeper.Held lease =
        leases.hold(new HeldRun(new RunKey(request.tenant(), request.runId()), attempt))) {
      return run(delivery, admitted, attempt, span);
    }
  }

  private Step run(Delivery delivery, Admitted admitted, int attempt, Span span)
      throws InterruptedException {
    AgentRequest request = admitted.request();
    Instant startedAt = clock.instant();
    Instant until = request.deadline().orElse(Instant.MAX);
    boolean session = sessionKept(request);
    List<ChatMessage> sessionTurns =
        session
            ? calls.call(
                Dependency.REDIS,
                until,
                () -> sessions.recent(request.tenant(), request.sessionId().get()))
            : List.of();

    List<RecalledMemory> memories = List.of();
    if (admitted.memory().retrieve()) {
      // The call never fails and ends by its own timeout; only an interrupt ends the wait early.
      memories = await(memory.recall(request, admitted.memory(), until, Context.current()));
      span.setAttribute("agent_executor.memory.recalled", (long) memories.size());
    }
    List<ChatMessage> conversation =
        PromptAssembly.messages(
            memories, sessionTurns, request.messages(), memoryConfig.maxPromptChars());

    Completion completion;
    long llmStarted = System.nanoTime();
    Instant llmUntil = request.deadline().map(d -> d.minus(FINISH_MARGIN)).orElse(Instant.MAX);
    try {
      var call = llm.complete(admitted.call(), conversation, llmUntil, Context.current()).await();
      completion =
          request.deadline().isPresent()
              ? call.atMost(Duration.between(clock.instant(), until).plus(FINISH_MARGIN).abs())
              : call.indefinitely();
    } catch (LlmFailure failure) {
      return llmFailed(delivery, admitted, attempt, failure.getMessage(), failure);
    } catch (TimeoutException e) {
      return llmFailed(delivery, admitted, attempt, "LLM call timed out", null);
    } catch (CompletionException e) {
      throw interruptedOr(e);
    }
    long llmMs = (System.nanoTime() - llmStarted) / 1_000_000;

    String event = events.succeeded(request, completion, delivery, startedAt, llmMs, attempt);
    boolean stored =
        calls.call(
            Dependency.POSTGRESQL,
            until,
            () ->
                store.finish(
                    request,
                    attempt,
                    RunStatus.SUCCEEDED,
                    completion.model(),
                    completion.inputTokens(),
                    completion.outputTokens(),
                    null,
                    null,
                    event));
    if (!stored) {
      return outcomes.overtaken(request, attempt);
    }
    span.setAttribute("gen_ai.response.model", completion.model());
    span.setAttribute("gen_ai.usage.input_tokens", (long) completion.inputTokens());
    span.setAttribute("gen_ai.usage.output_tokens", (long) completion.outputTokens());
    if (session) {
      updateSession(request, request.sessionId().get(), completion.text());
    }
    if (admitted.memory().store()) {
      remember(request, completion.text(), startedAt);
    }
    outcomes.publishResult(admitted.replySubject(), request, event);
    return new Step(Outcome.SUCCEEDED, Disposition.ACK, event);
  }

  /**
   * Whether the run reads and extends its session: it names one and sessions are kept. Run mode may
   * have no Dragonfly/Redis; its run then goes on without the history, which is said once.
   */
  private boolean sessionKept(AgentRequest request) {
    if (request.sessionId().isEmpty()) {
      return false;
    }
    if (sessions.available()) {
      return true;
    }
    LOG.infof(
        "run %s: no DRAGONFLY_HOST is set, so it runs without the history of session %s and its"
            + " turns are not kept",
        request.runId(), request.sessionId().get());
    return false;
  }

  private Step llmFailed(
      Delivery delivery, Admitted admitted, int attempt, String detail, LlmFailure failure)
      throws InterruptedException {
    AgentRequest request = admitted.request();
    if (failure != null && !failure.retryable()) {
      return outcomes.failed(
          delivery,
          request,
          admitted.replySubject(),
          admitted.call().model(),
          attempt,
          detail,
          request.deadline().orElse(Instant.MAX));
    }
    FailureReason reason =
        request.deadlinePassed(clock.instant().plus(FINISH_MARGIN))
            ? FailureReason.DEADLINE_EXCEEDED
            : FailureReason.LLM_UNAVAILABLE;
    return outcomes.deadLetter(delivery, request, admitted.replySubject(), reason, detail, true);
  }

  /**
   * The result is durable already; the session gets the turn once Redis answers, so that the
   * session's next run sees it. A session that still misses it at the deadline is logged.
   */
  private void updateSession(AgentRequest request, String session, String answer)
      throws InterruptedException {
    List<ChatMessage> turns = new ArrayList<>();
    request.messages().stream().filter(m -> !m.role().equals("system")).forEach(turns::add);
    turns.add(new ChatMessage("assistant", answer));
    try {
      calls.run(
          Dependency.REDIS,
          request.deadline().orElse(Instant.MAX),
          () -> sessions.append(request.tenant(), session, turns));
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

  private static <T> T await(io.smallrye.mutiny.Uni<T> uni) throws InterruptedException {
    try {
      return uni.await().indefinitely();
    } catch (CompletionException e) {
      throw interruptedOr(e);
    }
  }

  /** A wait ended by an interrupt (shutdown) is one; anything else is a fault of the step. */
  private static InterruptedException interruptedOr(CompletionException e) {
    if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
      InterruptedException interrupted = new InterruptedException("interrupted");
      interrupted.initCause(e);
      return interrupted;
    }
    throw e;
  }
}
