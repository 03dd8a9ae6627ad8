package io.agentic.platform.standins.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chat request asks for: the model it names and every message in order, system messages
 * included (Anthropic's top-level {@code system} becomes the first one).
 */
record Conversation(String model, List<ChatMessage> messages) {

  Conversation {
    messages = List.copyOf(messages);
  }

  static String model(JsonObject body) {
    if (!(body.getValue("model") instanceof String model) || model.isBlank()) {
      throw new InvalidRequest("model: a model name is required");
    }
    return model;
  }

  /** The wire {@code messages}: a non-empty array of objects with string role and content. */
  static List<ChatMessage> messages(JsonObject body) {
    if (!(body.getValue("messages") instanceof JsonArray array) || array.isEmpty()) {
      throw new InvalidRequest("messages: a non-empty array of messages is required");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject message)) {
        throw new InvalidRequest("messages[" + i + "]: must be an object");
      }
      if (!(message.getValue("role") instanceof String role)) {
        throw new InvalidRequest("messages[" + i + "].role: a string is required");
      }
      // Content parts (arrays) are valid upstream, but nothing in the suite sends them: the
      // stand-in takes plain text only, and says so rather than guessing.
      if (!(message.getValue("content") instanceof String content)) {
        throw new InvalidRequest(
            "messages[" + i + "].content: a string is required (the local stand-in takes text)");
      }
      messages.add(new ChatMessage(role, content));
    }
    return messages;
  }
}
