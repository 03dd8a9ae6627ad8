package io.agentic.platform.standins.evermemos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * An episodic memory. The stand-in makes one per stored message at once, with the message's text as
 * episode and summary; real EverMemOS extracts episodes from several messages later.
 */
record Episode(
    String id,
    String userId,
    String groupId,
    String sessionId,
    String senderId,
    long timestamp,
    String content,
    Set<String> words) {

  private static final int SUBJECT_WORDS = 8;

  static Episode of(String id, String userId, String groupId, String sessionId, NewMessage m) {
    return new Episode(
        id,
        userId,
        groupId,
        sessionId,
        m.senderId(),
        m.timestamp(),
        m.content(),
        Keywords.of(m.content()));
  }

  /** As the memory-gateway's adapter reads it: the timestamp as an ISO-8601 instant. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("user_id", userId)
        .put("group_id", groupId)
        .put("session_id", sessionId)
        .put("timestamp", Instant.ofEpochMilli(timestamp).toString())
        .put("subject", subject())
        .put("summary", content)
        .put("episode", content)
        .put("sender_ids", senderId == null ? new JsonArray() : new JsonArray().add(senderId));
  }

  private String subject() {
    String[] words = content.strip().split("\\s+", SUBJECT_WORDS + 1);
    return words.length <= SUBJECT_WORDS
        ? String.join(" ", words)
        : String.join(" ", Arrays.copyOf(words, SUBJECT_WORDS)) + "…";
  }
}
