package io.agentic.platform.standins.llm;

import io.vertx.core.json.JsonObject;

/** One provider's wire format: how a request reads, and how answers and errors look. */
interface ChatWire {

  /** The conversation a request body asks about; throws {@link InvalidRequest} when malformed. */
  Conversation read(JsonObject body);

  JsonObject answer(long sequence, Conversation conversation, String reply, Usage usage);

  JsonObject error(int status, String message);
}
