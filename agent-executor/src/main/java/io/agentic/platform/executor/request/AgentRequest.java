package io.agentic.platform.executor.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A validated request of schema version 1 (docs/agent-requests.md).
 *
 * @param runId the idempotency key: one run per id, however often it is delivered
 */
public record AgentRequest(
    String runId,
    String tenant,
    String agent,
    Optional<String> sessionId,
    Optional<String> userId,
    List<ChatMessage> messages,
    ModelOptions model,
    MemoryOptions memory,
    Optional<String> replyTo,
    Optional<Instant> deadline) {

  public static final int VERSION = 1;

  public boolean deadlinePassed(Instant now) {
    return deadline.map(now::isAfter).orElse(false);
  }
}
