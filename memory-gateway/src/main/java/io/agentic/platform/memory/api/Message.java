package io.agentic.platform.memory.api;

import java.time.OffsetDateTime;

/** One message of a conversation; {@code message_id} makes storing it idempotent. */
public record Message(
    String messageId,
    String senderId,
    String senderName,
    Role role,
    String content,
    OffsetDateTime timestamp) {

  public Message withSenderId(String newSenderId) {
    return new Message(messageId, newSenderId, senderName, role, content, timestamp);
  }
}
