package io.agentic.platform.executor.request;

import static io.agentic.platform.executor.run.FailureReason.MALFORMED_JSON;
import static io.agentic.platform.executor.run.FailureReason.SCHEMA_VIOLATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.memory.SearchMethod;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates request messages. Every violation names the field, so a producer can fix its
 * message from the dead-letter record alone.
 */
public final class RequestParser {

  static final int MAX_MESSAGES = 200;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  // A tenant is one token of the per-tenant subjects (agent.requests.<tenant>): a dot would make
  // tenant "a.b" a subject below tenant "a", inside a's NATS permissions.
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:@-]{0,127}");
  // A NATS subject without wildcards: tokens of visible characters separated by dots.
  private static final Pattern SUBJECT = Pattern.compile("[^.\\s*>]+(\\.[^.\\s*>]+)*");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final Set<String> FIELDS =
      Set.of(
          "version",
          "runId",
          "tenant",
          "agent",
          "sessionId",
          "userId",
          "messages",
          "model",
          "memory",
          "replyTo",
          "deadline");
  private static final Set<String> MODEL_FIELDS = Set.of("model", "temperature", "maxTokens");
  private static final Set<String> MEMORY_FIELDS = Set.of("retrieve", "store", "topK", "method");

  private final ObjectMapper mapper;

  public RequestParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public AgentRequest parse(byte[] payload) {
    JsonNode root;
    try {
      root = mapper.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new RejectedRequest(MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RejectedRequest(MALFORMED_JSON, "not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw violation("the request must be a JSON object");
    }
    rejectUnknown(root, FIELDS, "");
    JsonNode version = root.get("version");
    if (version == null || !version.isInt()) {
      throw violation("version is required and must be the integer " + AgentRequest.VERSION);
    }
    if (version.intValue() != AgentRequest.VERSION) {
      throw violation(
          "version "
              + version.intValue()
              + " is not supported; this executor reads version "
              + AgentRequest.VERSION);
    }
    Optional<String> userId = id(root, "userId");
    return new AgentRequest(
        id(root, "runId").orElseThrow(() -> violation("runId is required")),
        tenant(root),
        id(root, "agent").orElseThrow(() -> violation("agent is required")),
        id(root, "sessionId"),
        userId,
        messages(root.get("messages")),
        modelOptions(root.get("model")),
        memoryOptions(root.get("memory"), userId),
        replyTo(root.get("replyTo")),
        deadline(root.get("deadline")));
  }

  private static Optional<String> id(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() || !ID.matcher(node.textValue()).matches()) {
      throw violation(
          field
              + " must be a string of 1 to 128 letters, digits and . _ : @ -, starting with a"
              + " letter or digit");
    }
    return Optional.of(node.textValue());
  }

  private static String tenant(JsonNode root) {
    String tenant = id(root, "tenant").orElseThrow(() -> violation("tenant is required"));
    if (!TENANT.matcher(tenant).matches()) {
      throw violation(
          "tenant must be one NATS subject token: letters, digits and _ : @ -, without a dot");
    }
    return tenant;
  }

  private static List<ChatMessage> messages(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw violation("messages is required and must be a non-empty array");
    }
    if (node.size() > MAX_MESSAGES) {
      throw violation("messages has " + node.size() + " entries; at most " + MAX_MESSAGES);
    }
    List<ChatMessage> messages = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode message = node.get(i);
      String at = "messages[" + i + "]";
      if (!message.isObject()) {
        throw violation(at + " must be an object");
      }
      rejectUnknown(message, Set.of("role", "content"), at + ".");
      JsonNode role = message.get("role");
      if (role == null || !role.isTextual() || !ROLES.contains(role.textValue())) {
        throw violation(at + ".role must be one of system, user, assistant");
      }
      JsonNode content = message.get("content");
      if (content == null || !content.isTextual() || content.textValue().isEmpty()) {
        throw violation(at + ".content must be a non-empty string");
      }
      messages.add(new ChatMessage(role.textValue(), content.textValue()));
    }
    return List.copyOf(messages);
  }

  private static ModelOptions modelOptions(JsonNode node) {
    if (node == null || node.isNull()) {
      return ModelOptions.NONE;
    }
    if (!node.isObject()) {
      throw violation("model must be an object");
    }
    rejectUnknown(node, MODEL_FIELDS, "model.");
    Optional<String> model = Optional.empty();
    JsonNode name = node.get("model");
    if (name != null) {
      if (!name.isTextual() || name.textValue().isBlank() || name.textValue().length() > 200) {
        throw violation("model.model must be a non-empty string of at most 200 characters");
      }
      model = Optional.of(name.textValue());
    }
    Optional<Double> temperature = Optional.empty();
    JsonNode t = node.get("temperature");
    if (t != null) {
      if (!t.isNumber() || t.doubleValue() < 0 || t.doubleValue() > 2) {
        throw violation("model.temperature must be a number from 0 to 2");
      }
      temperature = Optional.of(t.doubleValue());
    }
    Optional<Integer> maxTokens = Optional.empty();
    JsonNode m = node.get("maxTokens");
    if (m != null) {
      if (!m.isInt() || m.intValue() < 1) {
        throw violation("model.maxTokens must be a positive integer");
      }
      maxTokens = Optional.of(m.intValue());
    }
    return new ModelOptions(model, temperature, maxTokens);
  }

  private static MemoryOptions memoryOptions(JsonNode node, Optional<String> userId) {
    if (node == null || node.isNull()) {
      return MemoryOptions.NONE;
    }
    if (!node.isObject()) {
      throw violation("memory must be an object");
    }
    rejectUnknown(node, MEMORY_FIELDS, "memory.");
    Optional<Boolean> retrieve = flag(node, "retrieve");
    Optional<Boolean> store = flag(node, "store");
    Optional<Integer> topK = Optional.empty();
    JsonNode k = node.get("topK");
    if (k != null) {
      if (!k.isInt() || k.intValue() < 1 || k.intValue() > MemoryGatewayConfig.MAX_TOP_K) {
        throw violation(
            "memory.topK must be an integer from 1 to " + MemoryGatewayConfig.MAX_TOP_K);
      }
      topK = Optional.of(k.intValue());
    }
    Optional<SearchMethod> method = Optional.empty();
    JsonNode m = node.get("method");
    if (m != null) {
      method =
          Optional.of(
              Arrays.stream(SearchMethod.values())
                  .filter(candidate -> m.isTextual() && candidate.wireName().equals(m.textValue()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          violation(
                              "memory.method must be one of keyword, vector, hybrid, agentic")));
    }
    // The memory-gateway keeps memories per user; without one there is nothing to scope them to.
    if (userId.isEmpty()) {
      if (retrieve.orElse(false)) {
        throw violation("memory.retrieve needs userId: memories are kept per user");
      }
      if (store.orElse(false)) {
        throw violation("memory.store needs userId: memories are kept per user");
      }
    }
    return new MemoryOptions(retrieve, store, topK, method);
  }

  private static Optional<Boolean> flag(JsonNode memory, String field) {
    JsonNode node = memory.get(field);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw violation("memory." + field + " must be true or false");
    }
    return Optional.of(node.booleanValue());
  }

  private static Optional<String> replyTo(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()
        || node.textValue().length() > 256
        || !SUBJECT.matcher(node.textValue()).matches()) {
      throw violation("replyTo must be a NATS subject without wildcards");
    }
    return Optional.of(node.textValue());
  }

  private static Optional<Instant> deadline(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw violation("deadline must be an RFC 3339 timestamp such as 2030-01-01T00:00:00Z");
    }
    try {
      return Optional.of(Instant.parse(node.textValue()));
    } catch (DateTimeParseException e) {
      throw violation("deadline must be an RFC 3339 timestamp such as 2030-01-01T00:00:00Z");
    }
  }

  private static void rejectUnknown(JsonNode object, Set<String> known, String path) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw violation("unknown field " + path + truncate(name));
      }
    }
  }

  private static String truncate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "...";
  }

  private static RejectedRequest violation(String detail) {
    return new RejectedRequest(SCHEMA_VIOLATION, detail);
  }
}
