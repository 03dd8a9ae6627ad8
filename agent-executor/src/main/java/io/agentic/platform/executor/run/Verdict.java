package io.agentic.platform.executor.run;

import io.agentic.platform.executor.profile.MemoryPlan;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.AgentRequest;
import java.util.Optional;

/** What admission decided about a delivery. */
sealed interface Verdict {

  /**
   * The request may run: its tenant is the one its subject names and this executor serves, and its
   * result goes to {@code replySubject}, which lies within that tenant's results. A one-shot run
   * (run mode) has no subject and no reply subject (null): its process answers it.
   */
  record Admitted(AgentRequest request, ModelCall call, MemoryPlan memory, String replySubject)
      implements Verdict {}

  /**
   * The request never runs. {@code tenant}: whose dead letters record it (the tenant the subject
   * names; empty when it names none). {@code request}: the parsed request, when it could be read.
   * {@code replySubject}: where the requester hears of it, empty when the requester cannot be told
   * within its own tenant or the run belongs to another executor; the run store records the refusal
   * only when the requester is told.
   */
  record Refused(
      FailureReason reason,
      String detail,
      Optional<String> tenant,
      AgentRequest request,
      Optional<String> replySubject)
      implements Verdict {}
}
