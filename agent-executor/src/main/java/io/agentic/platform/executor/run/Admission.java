package io.agentic.platform.executor.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.profile.AgentProfiles;
import io.agentic.platform.executor.profile.MemoryPlan;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.RejectedRequest;
import io.agentic.platform.executor.request.RequestParser;
import io.agentic.platform.executor.run.Verdict.Admitted;
import io.agentic.platform.executor.run.Verdict.Refused;
import io.agentic.platform.executor.tenancy.TenantSubjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides whether a delivery may run, before anything is stored: its size, its schema, whose it is
 * (the subject, which NATS authenticated, against the tenant in the body), where its result may go,
 * its agent and options, and its deadline.
 */
@ApplicationScoped
public class Admission {

  private final int maxRequestBytes;
  private final TenantSubjects subjects;
  private final AgentProfiles profiles;
  private final RequestParser parser;
  private final Clock clock;

  @Inject
  Admission(
      ExecutorConfig config,
      TenantSubjects subjects,
      AgentProfiles profiles,
      ObjectMapper mapper,
      Clock clock) {
    this(config.maxRequestBytes(), subjects, profiles, new RequestParser(mapper), clock);
  }

  Admission(
      int maxRequestBytes,
      TenantSubjects subjects,
      AgentProfiles profiles,
      RequestParser parser,
      Clock clock) {
    this.maxRequestBytes = maxRequestBytes;
    this.subjects = subjects;
    this.profiles = profiles;
    this.parser = parser;
    this.clock = clock;
  }

  Verdict admit(Delivery delivery) {
    Optional<String> tenant = subjects.tenantOf(delivery.subject());
    if (delivery.payload().length > maxRequestBytes) {
      return unread(FailureReason.PAYLOAD_TOO_LARGE, tooLarge(delivery.payload()), tenant);
    }
    if (tenant.isEmpty()) {
      return unread(
          FailureReason.TENANT_SUBJECT_MISMATCH,
          "subject "
              + delivery.subject()
              + " names no tenant; requests of tenant T are published to "
              + subjects.requests("T"),
          tenant);
    }
    AgentRequest request;
    try {
      request = parser.parse(delivery.payload());
    } catch (RejectedRequest rejected) {
      return unread(rejected.reason(), rejected.getMessage(), tenant);
    }
    String owner = tenant.get();
    if (!request.tenant().equals(owner)) {
      // Neither tenant hears of it: the sender is told through its dead letters only, and the
      // tenant it named never sees a request it did not send.
      return new Refused(
          FailureReason.TENANT_SUBJECT_MISMATCH,
          "the request names tenant "
              + request.tenant()
              + " but was published on "
              + delivery.subject()
              + ", the subject of tenant "
              + owner,
          tenant,
          request,
          Optional.empty());
    }
    if (request.replyTo().isPresent() && !subjects.replyAllowed(owner, request.replyTo().get())) {
      return new Refused(
          FailureReason.REPLY_SUBJECT_NOT_ALLOWED,
          "replyTo "
              + request.replyTo().get()
              + " is outside the results of tenant "
              + owner
              + "; use "
              + subjects.results(owner)
              + " or a subject below it",
          tenant,
          request,
          Optional.of(subjects.results(owner)));
    }
    String replySubject = request.replyTo().orElse(subjects.results(owner));
    if (!subjects.serves(owner)) {
      // Another executor serves this tenant and answers it; this one only records the misroute.
      return new Refused(
          FailureReason.TENANT_NOT_SERVED,
          "this executor serves tenants " + subjects.served().orElseThrow() + ", not " + owner,
          tenant,
          request,
          Optional.empty());
    }
    return runnable(request, tenant, Optional.of(replySubject));
  }

  /**
   * A request handed to this process alone (run mode, from a file): the same size limit, schema,
   * profiles, options and deadline as a delivered request. What only NATS decides does not apply:
   * there is no subject to take the tenant from or to check it against, no {@code replyTo} is used
   * (nothing is published), and {@code EXECUTOR_TENANTS} names the tenants of a consumer. An
   * admitted one-shot run has no reply subject.
   */
  Verdict admitAlone(byte[] payload) {
    if (payload.length > maxRequestBytes) {
      return unread(FailureReason.PAYLOAD_TOO_LARGE, tooLarge(payload), Optional.empty());
    }
    AgentRequest request;
    try {
      request = parser.parse(payload);
    } catch (RejectedRequest rejected) {
      return unread(rejected.reason(), rejected.getMessage(), Optional.empty());
    }
    return runnable(request, Optional.of(request.tenant()), Optional.empty());
  }

  /** What every request must pass once it is known whose it is: its profile, options, deadline. */
  private Verdict runnable(
      AgentRequest request, Optional<String> tenant, Optional<String> replySubject) {
    ModelCall call;
    MemoryPlan memory;
    try {
      call = profiles.resolve(request);
      memory = profiles.memory(request);
    } catch (RejectedRequest rejected) {
      return new Refused(rejected.reason(), rejected.getMessage(), tenant, request, replySubject);
    }
    if (request.deadlinePassed(clock.instant())) {
      return new Refused(
          FailureReason.DEADLINE_EXCEEDED,
          "deadline " + request.deadline().orElseThrow() + " passed before the run started",
          tenant,
          request,
          replySubject);
    }
    return new Admitted(request, call, memory, replySubject.orElse(null));
  }

  private String tooLarge(byte[] payload) {
    return "request of " + payload.length + " bytes exceeds the limit of " + maxRequestBytes;
  }

  private static Refused unread(FailureReason reason, String detail, Optional<String> tenant) {
    return new Refused(reason, detail, tenant, null, Optional.empty());
  }
}
