package io.agentic.platform.executor.run;

import io.agentic.platform.executor.observe.NatsTraceContext;
import io.agentic.platform.executor.observe.RunMetrics;
import io.agentic.platform.executor.observe.RunMetrics.Outcome;
import io.agentic.platform.executor.outage.DependencyCalls.OutageOutlasted;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.run.Outcomes.Step;
import io.agentic.platform.executor.run.RunClaims.DeadlinePassed;
import io.agentic.platform.executor.run.Verdict.Admitted;
import io.agentic.platform.executor.run.Verdict.Refused;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One delivery from pickup to its disposition: admission, the claim, the run, and what the message
 * becomes (acked, redelivered later, or terminated with a dead letter). One span per delivery. A
 * one-shot run (run mode) takes the same path from its admission on.
 */
@ApplicationScoped
public class RunPipeline {

  private static final Logger LOG = Logger.getLogger(RunPipeline.class);

  private final Admission admission;
  private final RunClaims claims;
  private final RunExecution execution;
  private final Outcomes outcomes;
  private final RunMetrics metrics;
  private final Tracer tracer;
  private final NatsTraceContext traceContext;

  RunPipeline(
      Admission admission,
      RunClaims claims,
      RunExecution execution,
      Outcomes outcomes,
      RunMetrics metrics,
      Tracer tracer,
      NatsTraceContext traceContext) {
    this.admission = admission;
    this.claims = claims;
    this.execution = execution;
    this.outcomes = outcomes;
    this.metrics = metrics;
    this.tracer = tracer;
    this.traceContext = traceContext;
  }

  public Disposition execute(Delivery delivery) {
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
            .setAttribute("messaging.destination.name", delivery.subject())
            .setAttribute("messaging.message.delivery_count", delivery.deliveredCount())
            .startSpan();
    Progress progress = new Progress();
    return traced(
            delivery,
            span,
            () -> guarded(delivery, progress, () -> delivered(delivery, span, progress)))
        .disposition();
  }

  /**
   * A request handed to this process alone (run mode), as {@link Admission#admitAlone} judged it:
   * claimed, executed and ended as a delivered request is, with one span, but answered through the
   * returned step's result instead of NATS. A refused request whose run ended before (a restarted
   * Job pod, the request's deadline passed since) gets that run's stored result.
   */
  Step runAlone(Delivery delivery, Verdict verdict) {
    Span span =
        tracer
            .spanBuilder("invoke_agent")
            .setParent(traceContext.extract(delivery.headers()))
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("gen_ai.operation.name", "invoke_agent")
            .setAttribute("agent_executor.attempt", delivery.deliveredCount())
            .startSpan();
    Progress progress = new Progress();
    return traced(
        delivery,
        span,
        () -> guarded(delivery, progress, () -> alone(delivery, verdict, span, progress)));
  }

  /** A message the server gave up delivering (see {@link Outcomes#abandoned}). */
  public void abandoned(Delivery delivery) {
    try {
      Step step = outcomes.abandoned(delivery, admission.admit(delivery));
      metrics.ended(step.outcome(), System.nanoTime() - delivery.pickedUpNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code work} within {@code span}, then ends the span and counts the outcome. */
  private Step traced(Delivery delivery, Span span, Work work) {
    metrics.started();
    Step step;
    try (Scope ignored = span.makeCurrent()) {
      step = work.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      step = handedBack();
    }
    span.setAttribute("agent_executor.outcome", step.outcome().label());
    if (step.outcome() == Outcome.DEAD || step.outcome() == Outcome.FAILED) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    metrics.ended(step.outcome(), System.nanoTime() - delivery.pickedUpNanos());
    return step;
  }

  /** The ends a run may meet on the way that are not its own result: deadline and faults. */
  private Step guarded(Delivery delivery, Progress progress, Work work)
      throws InterruptedException {
    try {
      return work.run();
    } catch (DeadlinePassed | OutageOutlasted e) {
      return outcomes.deadLetter(
          delivery,
          progress.request,
          progress.replySubject,
          FailureReason.DEADLINE_EXCEEDED,
          e.getMessage(),
          progress.claimed);
    } catch (RuntimeException unexpected) {
      return outcomes.unexpected(
          delivery, progress.request, progress.replySubject, progress.claimed, unexpected);
    }
  }

  private Step delivered(Delivery delivery, Span span, Progress progress)
      throws InterruptedException {
    Verdict verdict = admission.admit(delivery);
    if (verdict instanceof Refused refused) {
      return outcomes.refused(delivery, refused);
    }
    return claimed(delivery, (Admitted) verdict, span, progress);
  }

  private Step alone(Delivery delivery, Verdict verdict, Span span, Progress progress)
      throws InterruptedException {
    if (verdict instanceof Refused refused) {
      progress.request = refused.request();
      describe(span, refused.request());
      Optional<Claim.Finished> ended = claims.endedBefore(delivery, refused.request());
      if (ended.isPresent()) {
        return outcomes.finishedBefore(refused.request(), ended.get(), null);
      }
      return outcomes.refused(delivery, refused);
    }
    return claimed(delivery, (Admitted) verdict, span, progress);
  }

  /** An admitted request: its run claimed, then executed, or answered as it ended before. */
  private Step claimed(Delivery delivery, Admitted admitted, Span span, Progress progress)
      throws InterruptedException {
    var request = admitted.request();
    progress.request = request;
    progress.replySubject = admitted.replySubject();
    describe(span, request);

    Claim claim = claims.claim(delivery, admitted);
    if (claim instanceof Claim.Conflict) {
      return outcomes.refused(
          delivery,
          new Refused(
              FailureReason.RUN_ID_CONFLICT,
              "run id "
                  + request.runId()
                  + " of tenant "
                  + request.tenant()
                  + " was sent before with another request body; a run id names one request",
              Optional.of(request.tenant()),
              request,
              Optional.ofNullable(admitted.replySubject())));
    }
    if (claim instanceof Claim.Finished finished) {
      return outcomes.finishedBefore(request, finished, admitted.replySubject());
    }
    progress.claimed = true;
    try {
      return execution.execute(delivery, admitted, ((Claim.Owned) claim).attempt(), span);
    } catch (InterruptedException e) {
      outcomes.releaseQuietly(request);
      throw e;
    }
  }

  private static void describe(Span span, AgentRequest request) {
    span.setAttribute("gen_ai.agent.name", request.agent());
    span.setAttribute("agent_executor.run_id", request.runId());
    span.setAttribute("agent_executor.tenant", request.tenant());
    request.sessionId().ifPresent(s -> span.setAttribute("gen_ai.conversation.id", s));
    request.userId().ifPresent(u -> span.setAttribute("user.id", u));
  }

  /** Shutting down mid-run: the consumer hands the message back for another replica. */
  private static Step handedBack() {
    LOG.debug("run interrupted by shutdown; handing the message back");
    return new Step(Outcome.INTERRUPTED, new Disposition.Nak(Duration.ZERO));
  }

  /** How far a delivery got, for what its failure means. */
  private static final class Progress {
    AgentRequest request;
    String replySubject;
    boolean claimed;
  }

  /** A part of a run that may be interrupted by shutdown. */
  @FunctionalInterface
  private interface Work {
    Step run() throws InterruptedException;
  }
}
