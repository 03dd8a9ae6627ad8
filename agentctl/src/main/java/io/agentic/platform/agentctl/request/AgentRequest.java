package io.agentic.platform.agentctl.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A version-1 request of docs/agent-requests.md with one user message. */
record AgentRequest(
    String runId,
    String tenant,
    String agent,
    Optional<String> sessionId,
    Optional<String> userId,
    String message,
    boolean memory,
    String replyTo) {

  byte[] toJson(ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    body.put("version", 1);
    body.put("runId", runId);
    body.put("tenant", tenant);
    body.put("agent", agent);
    sessionId.ifPresent(s -> body.put("sessionId", s));
    userId.ifPresent(u -> body.put("userId", u));
    body.putArray("messages").addObject().put("role", "user").put("content", message);
    if (memory) {
      body.putObject("memory").put("retrieve", true).put("store", true);
    }
    body.put("replyTo", replyTo);
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
