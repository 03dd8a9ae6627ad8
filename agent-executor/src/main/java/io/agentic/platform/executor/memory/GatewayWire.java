package io.agentic.platform.executor.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentic.platform.executor.profile.MemoryPlan;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The memory-gateway's JSON (snake_case; it refuses unknown fields, so only its own are sent): the
 * bodies of {@code POST /v1/memories} and {@code POST /v1/memories/search}, and the search answer.
 */
final class GatewayWire {

  /** The gateway's id rule: the longest message id it accepts. */
  static final int MAX_ID_LENGTH = 128;

  private final ObjectMapper mapper;

  GatewayWire(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The query of a run's search: its last user message, cut to {@code maxChars}. */
  static Optional<String> query(AgentRequest request, int maxChars) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage message = messages.get(i);
      if (message.role().equals("user") && !message.content().isBlank()) {
        String content = message.content().strip();
        return Optional.of(content.length() <= maxChars ? content : content.substring(0, maxChars));
      }
    }
    return Optional.empty();
  }

  /** A search among the memories of the run's user, narrowed to its session when it has one. */
  JsonNode search(AgentRequest request, MemoryPlan plan, String query) {
    ObjectNode body = mapper.createObjectNode();
    body.put("query", query);
    body.put("method", plan.method().wireName());
    body.put("top_k", plan.topK());
    ObjectNode filters = body.putObject("filters");
    filters.put("user_id", request.userId().orElseThrow());
    request.sessionId().ifPresent(session -> filters.put("session_id", session));
    return body;
  }

  /** The memories of a search answer, best first; entries without any text are skipped. */
  static List<RecalledMemory> memories(JsonNode answer) {
    JsonNode memories = answer.path("memories");
    if (!memories.isArray()) {
      throw new IllegalArgumentException("the search answer has no memories array");
    }
    List<RecalledMemory> recalled = new ArrayList<>(memories.size());
    for (JsonNode memory : memories) {
      // Summaries are the compact form of an episode; the content or subject stands in without one.
      text(memory, "summary")
          .or(() -> text(memory, "content"))
          .or(() -> text(memory, "subject"))
          .ifPresent(text -> recalled.add(new RecalledMemory(text, text(memory, "timestamp"))));
    }
    return recalled;
  }

  /**
   * The run's turn: its user messages (asked at {@code askedAt}) and the answer (at {@code
   * answeredAt}), with message ids derived from the run id, so storing the turn again stores
   * nothing twice. Empty when there is nothing to store.
   */
  Optional<JsonNode> store(
      AgentRequest request, String agentAnswer, Instant askedAt, Instant answeredAt) {
    String user = request.userId().orElseThrow();
    ObjectNode body = mapper.createObjectNode();
    body.put("user_id", user);
    request.sessionId().ifPresent(session -> body.put("session_id", session));
    ArrayNode messages = body.putArray("messages");
    List<ChatMessage> input = request.messages();
    for (int i = 0; i < input.size(); i++) {
      ChatMessage message = input.get(i);
      if (message.role().equals("user") && !message.content().isBlank()) {
        message(messages, messageId(request.runId(), "in:" + i), user, "user", message, askedAt);
      }
    }
    if (!agentAnswer.isBlank()) {
      message(
          messages,
          messageId(request.runId(), "out"),
          request.agent(),
          "assistant",
          new ChatMessage("assistant", agentAnswer),
          answeredAt);
    }
    return messages.isEmpty() ? Optional.empty() : Optional.of(body);
  }

  /**
   * {@code <runId>:<part>}; a run id too long for that is replaced by its SHA-256, so the id stays
   * within the gateway's 128 characters and is still the same for every delivery of the run.
   */
  static String messageId(String runId, String part) {
    String readable = runId + ":" + part;
    if (readable.length() <= MAX_ID_LENGTH) {
      return readable;
    }
    return "run-" + sha256(runId) + ":" + part;
  }

  private static void message(
      ArrayNode messages,
      String id,
      String sender,
      String role,
      ChatMessage message,
      Instant timestamp) {
    messages
        .addObject()
        .put("message_id", id)
        .put("sender_id", sender)
        .put("sender_name", sender)
        .put("role", role)
        .put("content", message.content())
        // Instant prints UTC with its Z offset, the ISO 8601 form with an offset the gateway wants.
        .put("timestamp", timestamp.toString());
  }

  private static Optional<String> text(JsonNode memory, String field) {
    JsonNode value = memory.get(field);
    return value != null && value.isTextual() && !value.textValue().isBlank()
        ? Optional.of(value.textValue().strip())
        : Optional.empty();
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
