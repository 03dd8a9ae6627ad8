package io.agentic.platform.standins.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/** OpenAI's chat completions: {@code POST /v1/chat/completions}. */
final class OpenAiWire implements ChatWire {

  private final Clock clock;

  OpenAiWire(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Conversation read(JsonObject body) {
    return new Conversation(Conversation.model(body), Conversation.messages(body));
  }

  @Override
  public JsonObject answer(long sequence, Conversation conversation, String reply, Usage usage) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", reply);
    return new JsonObject()
        .put("id", "chatcmpl-standin-" + sequence)
        .put("object", "chat.completion")
        .put("created", clock.instant().getEpochSecond())
        .put("model", conversation.model())
        .put(
            "choices",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("index", 0)
                        .put("message", message)
                        .put("finish_reason", "stop")))
        .put(
            "usage",
            new JsonObject()
                .put("prompt_tokens", usage.input())
                .put("completion_tokens", usage.output())
                .put("total_tokens", usage.input() + usage.output()));
  }

  /** OpenAI reports every client error, unknown paths included, as an invalid request. */
  @Override
  public JsonObject error(int status, String message) {
    return new JsonObject()
        .put(
            "error", new JsonObject().put("message", message).put("type", "invalid_request_error"));
  }
}
