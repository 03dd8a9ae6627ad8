package io.agentic.platform.standins.evermemos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One message of a store request, as the memory-gateway sends it; sender_name is not kept. */
record NewMessage(String messageId, String senderId, String role, long timestamp, String content) {

  /** The request's {@code messages}: a non-empty array, each with the fields EverMemOS needs. */
  static List<NewMessage> listFrom(JsonObject body) {
    if (!(body.getValue("messages") instanceof JsonArray array) || array.isEmpty()) {
      throw EverMemOsError.invalid("messages: a non-empty array is required");
    }
    List<NewMessage> messages = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject m)) {
        throw EverMemOsError.invalid("messages[" + i + "]: must be an object");
      }
      try {
        messages.add(
            new NewMessage(
                Fields.string(m, "message_id"),
                Fields.optionalString(m, "sender_id"),
                Fields.string(m, "role"),
                Fields.integer(m, "timestamp"),
                content(m)));
      } catch (EverMemOsError e) {
        throw EverMemOsError.invalid("messages[" + i + "]." + e.getMessage());
      }
    }
    return messages;
  }

  /** Text only: EverMemOS also takes content parts, which nothing in the suite sends. */
  private static String content(JsonObject message) {
    if (!(message.getValue("content") instanceof String content)) {
      throw EverMemOsError.invalid("content: a string is required (the local stand-in takes text)");
    }
    return content;
  }
}
