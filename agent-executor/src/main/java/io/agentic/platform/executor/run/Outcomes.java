package io.agentic.platform.executor.run;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.observe.RunMetrics;
import io.agentic.platform.executor.observe.RunMetrics.Outcome;
import io.agentic.platform.executor.outage.Dependency;
import io.agentic.platform.executor.outage.DependencyCalls;
import io.agentic.platform.executor.publish.ResultPublisher;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.retry.Backoff;
import io.agentic.platform.executor.run.Verdict.Refused;
import io.agentic.platform.executor.tenancy.TenantSubjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * How a delivery ends when it does not simply succeed: refused, dead-lettered, failed by the
 * provider, overtaken, or hit by an unexpected error. Results and dead letters are published within
 * the tenant's own subjects, and their publishing rides out NATS reconnects.
 *
 * <p>In run mode there is no NATS: the process itself answers its one request (on stdout and in its
 * termination message) with the result each step carries, and nothing is published. A refusal of a
 * request that could be read is always answered then, since its caller is there to hear it.
 */
@ApplicationScoped
public class Outcomes {

  private static final Logger LOG = Logger.getLogger(Outcomes.class);

  private final ExecutorConfig config;
  private final TenantSubjects subjects;
  private final RunStore store;
  private final ResultPublisher publisher;
  private final ResultEvents events;
  private final DependencyCalls calls;
  private final RunMetrics metrics;
  private final Backoff redelivery;
  private final boolean overNats;

  Outcomes(
      ExecutorConfig config,
      TenantSubjects subjects,
      RunStore store,
      ResultPublisher publisher,
      ResultEvents events,
      DependencyCalls calls,
      RunMetrics metrics) {
    this.config = config;
    this.subjects = subjects;
    this.store = store;
    this.publisher = publisher;
    this.events = events;
    this.calls = calls;
    this.metrics = metrics;
    this.redelivery = new Backoff(config.redeliveryBackoffInitial(), config.redeliveryBackoffMax());
    this.overNats = config.mode() != ExecutorConfig.Mode.RUN;
  }

  /** A request refused by admission: never run, and never changing a run that exists. */
  Step refused(Delivery delivery, Refused refused) throws InterruptedException {
    AgentRequest request = refused.request();
    logDeadLetter(delivery, request, refused.reason(), refused.detail());
    String event = null;
    if (request != null && (refused.replySubject().isPresent() || !overNats)) {
      event =
          events.error(
              request,
              RunStatus.DEAD,
              refused.reason(),
              refused.detail(),
              delivery,
              (int) delivery.deliveredCount());
      recordDead(request, refused.reason(), refused.detail(), event, false);
      publishResult(refused.replySubject().orElse(null), request, event);
    }
    publishDeadLetter(
        delivery,
        refused.tenant(),
        request == null ? null : request.runId(),
        refused.reason(),
        refused.detail());
    return new Step(Outcome.DEAD, Disposition.TERM, event);
  }

  /**
   * Gives up on an admitted request: records the run as dead ({@code claimed}: this delivery holds
   * the run, else a run that exists is left alone), tells the requester, and dead-letters it.
   */
  Step deadLetter(
      Delivery delivery,
      AgentRequest request,
      String replySubject,
      FailureReason reason,
      String detail,
      boolean claimed)
      throws InterruptedException {
    logDeadLetter(delivery, request, reason, detail);
    String event =
        events.error(
            request, RunStatus.DEAD, reason, detail, delivery, (int) delivery.deliveredCount());
    recordDead(request, reason, detail, event, claimed);
    publishResult(replySubject, request, event);
    publishDeadLetter(delivery, Optional.of(request.tenant()), request.runId(), reason, detail);
    return new Step(Outcome.DEAD, Disposition.TERM, event);
  }

  /** The provider refused the request for good: the run fails, and the request is dead-lettered. */
  Step failed(
      Delivery delivery,
      AgentRequest request,
      String replySubject,
      String model,
      int attempt,
      String detail,
      Instant until)
      throws InterruptedException {
    String event =
        events.error(
            request, RunStatus.FAILED, FailureReason.LLM_REJECTED, detail, delivery, attempt);
    boolean stored =
        calls.call(
            Dependency.POSTGRESQL,
            until,
            () ->
                store.finish(
                    request,
                    attempt,
                    RunStatus.FAILED,
                    model,
                    null,
                    null,
                    FailureReason.LLM_REJECTED.code(),
                    detail,
                    event));
    if (!stored) {
      return overtaken(request, attempt);
    }
    publishResult(replySubject, request, event);
    publishDeadLetter(
        delivery,
        Optional.of(request.tenant()),
        request.runId(),
        FailureReason.LLM_REJECTED,
        detail);
    return new Step(Outcome.FAILED, Disposition.TERM, event);
  }

  /** A finished run asked for again: its stored result goes out again, byte for byte. */
  Step finishedBefore(AgentRequest request, Claim.Finished finished, String replySubject)
      throws InterruptedException {
    if (finished.resultJson() != null) {
      // To where it went first, whatever subject this copy of the request names.
      publishResult(
          finished.replySubject() != null ? finished.replySubject() : replySubject,
          request,
          finished.resultJson());
    }
    return new Step(Outcome.DUPLICATE, Disposition.ACK, finished.resultJson());
  }

  /**
   * This delivery's lease ran out and a later attempt took the run over: what that attempt stores
   * and publishes is the run's result, so this one's is dropped and the message acked.
   */
  Step overtaken(AgentRequest request, int attempt) {
    LOG.warnf(
        "run %s of tenant %s: attempt %d was taken over by a later attempt after its lease ran"
            + " out; its result is not stored or published",
        request.runId(), request.tenant(), attempt);
    return new Step(Outcome.DUPLICATE, Disposition.ACK);
  }

  /**
   * A failure nobody foresaw. It counts toward the delivery limit: the delivery is tried again
   * after a backoff, and the last allowed one is dead-lettered {@code unexpected_error} with the
   * exception's class, so a request that always fails this way ends visibly instead of circling.
   */
  Step unexpected(
      Delivery delivery,
      AgentRequest request,
      String replySubject,
      boolean claimed,
      RuntimeException failure)
      throws InterruptedException {
    if (delivery.deliveredCount() < config.maxDeliveries()) {
      LOG.errorf(
          failure,
          "%s (delivery %d of at most %d) failed unexpectedly; delivering it again",
          where(delivery, request),
          delivery.deliveredCount(),
          config.maxDeliveries());
      if (request != null && claimed) {
        releaseQuietly(request);
      }
      return new Step(
          Outcome.RETRY, new Disposition.Nak(redelivery.after(delivery.deliveredCount())));
    }
    LOG.errorf(failure, "%s failed unexpectedly", where(delivery, request));
    String detail =
        failure.getClass().getName()
            + ": "
            + failure.getMessage()
            + " (delivery "
            + delivery.deliveredCount()
            + ", the last allowed)";
    if (request == null) {
      logDeadLetter(delivery, null, FailureReason.UNEXPECTED_ERROR, detail);
      publishDeadLetter(
          delivery,
          subjects.tenantOf(delivery.subject()),
          null,
          FailureReason.UNEXPECTED_ERROR,
          detail);
      return new Step(Outcome.DEAD, Disposition.TERM);
    }
    return deadLetter(
        delivery, request, replySubject, FailureReason.UNEXPECTED_ERROR, detail, claimed);
  }

  /**
   * A message NATS stopped delivering: every allowed delivery ended without an outcome (the replica
   * running it died, was killed, or lost NATS each time). It is dead-lettered {@code
   * max_deliveries}, and an admitted run is ended and its requester told, so nothing is dropped in
   * silence.
   */
  Step abandoned(Delivery delivery, Verdict verdict) throws InterruptedException {
    String detail =
        "delivered "
            + delivery.deliveredCount()
            + " times without an outcome: the executor running it stopped each time";
    if (verdict instanceof Verdict.Admitted admitted) {
      Optional<Claim.Finished> ended =
          calls.call(Dependency.POSTGRESQL, Instant.MAX, () -> store.ended(admitted.request()));
      if (ended.isPresent()) {
        // It did finish; only its ack was lost every time. The requester gets its result again.
        return finishedBefore(admitted.request(), ended.get(), admitted.replySubject());
      }
      return deadLetter(
          delivery,
          admitted.request(),
          admitted.replySubject(),
          FailureReason.MAX_DELIVERIES,
          detail,
          true);
    }
    Refused refused = (Refused) verdict;
    return refused(
        delivery,
        new Refused(
            FailureReason.MAX_DELIVERIES,
            detail + "; it is also refused: " + refused.detail(),
            refused.tenant(),
            refused.request(),
            refused.replySubject()));
  }

  /**
   * Publishes a result event; a NATS connection lost on the way is waited for, not treated as a
   * failure of the run (the event is stored already).
   */
  void publishResult(String subject, AgentRequest request, String event)
      throws InterruptedException {
    if (!overNats) {
      return;
    }
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    calls.run(Dependency.NATS, Instant.MAX, () -> publisher.result(subject, request.runId(), body));
  }

  private void publishDeadLetter(
      Delivery delivery, Optional<String> tenant, String runId, FailureReason reason, String detail)
      throws InterruptedException {
    if (!overNats) {
      return;
    }
    byte[] record =
        events.deadLetter(delivery, tenant, runId, reason, detail).getBytes(StandardCharsets.UTF_8);
    String subject = subjects.deadLetters(tenant);
    calls.run(
        Dependency.NATS,
        Instant.MAX,
        () -> publisher.deadLetter(subject, runId, reason.code(), record));
    metrics.deadLettered(reason);
  }

  private void recordDead(
      AgentRequest request, FailureReason reason, String detail, String event, boolean claimed) {
    try {
      store.recordDead(request, reason, detail, event, claimed);
    } catch (Exception e) {
      // The dead letter still carries the request; the run row catches up if it is sent again.
      LOG.warnf("run %s: dead status not stored: %s", request.runId(), e.getMessage());
    }
  }

  void releaseQuietly(AgentRequest request) {
    try {
      store.release(request);
    } catch (Exception e) {
      // Unreachable store: the run's lease runs out instead.
      LOG.debugf("run %s not released: %s", request.runId(), e.getMessage());
    }
  }

  private void logDeadLetter(
      Delivery delivery, AgentRequest request, FailureReason reason, String detail) {
    String run = request == null ? "unknown" : request.runId();
    if (overNats) {
      LOG.warnf(
          "dead-lettering stream sequence %d (run %s): %s: %s",
          delivery.streamSequence(), run, reason.code(), detail);
    } else {
      LOG.warnf("giving up run %s: %s: %s", run, reason.code(), detail);
    }
  }

  /** The delivery in a log line: a stream message, or the run of a one-shot run. */
  private String where(Delivery delivery, AgentRequest request) {
    return overNats || request == null
        ? "stream message " + delivery.streamSequence()
        : "run " + request.runId();
  }

  /**
   * How a delivery ended: the outcome for metrics and traces, what happens to the message, and the
   * result event the requester got (published, or answered by a one-shot run); null when it got
   * none from this delivery.
   */
  record Step(Outcome outcome, Disposition disposition, String result) {

    Step(Outcome outcome, Disposition disposition) {
      this(outcome, disposition, null);
    }
  }
}
