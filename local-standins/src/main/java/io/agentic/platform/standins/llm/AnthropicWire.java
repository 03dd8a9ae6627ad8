package io.agentic.platform.standins.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Anthropic's Messages API: {@code POST /v1/messages}. */
final class AnthropicWire implements ChatWire {

  /**
   * The system prompt sits apart from the turns in this format; it is counted as the first system
   * message, as the other format would carry it.
   */
  @Override
  public Conversation read(JsonObject body) {
    String model = Conversation.model(body);
    List<ChatMessage> messages = new ArrayList<>();
    Object system = body.getValue("system");
    if (system instanceof String text) {
      messages.add(new ChatMessage("system", text));
    } else if (system != null) {
      throw new InvalidRequest("system: a string is required (the local stand-in takes text)");
    }
    messages.addAll(Conversation.messages(body));
    return new Conversation(model, messages);
  }

  @Override
  public JsonObject answer(long sequence, Conversation conversation, String reply, Usage usage) {
    return new JsonObject()
        .put("id", "msg_standin_" + sequence)
        .put("type", "message")
        .put("role", "assistant")
        .put("model", conversation.model())
        .put(
            "content", new JsonArray().add(new JsonObject().put("type", "text").put("text", reply)))
        .put("stop_reason", "end_turn")
        .put(
            "usage",
            new JsonObject()
                .put("input_tokens", usage.input())
                .put("output_tokens", usage.output()));
  }

  @Override
  public JsonObject error(int status, String message) {
    return new JsonObject()
        .put("type", "error")
        .put("error", new JsonObject().put("type", errorType(status)).put("message", message));
  }

  private static String errorType(int status) {
    return switch (status) {
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      default -> "invalid_request_error";
    };
  }
}
