package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One memory as the gateway returns it, whatever EverMemOS API produced it. Ids are the caller's
 * own (never the namespaced ones EverMemOS stores).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryItem(
    String id,
    String memoryType,
    String userId,
    String groupId,
    String sessionId,
    String timestamp,
    String subject,
    String summary,
    String content,
    Double score,
    List<String> senderIds,
    Map<String, Object> profile) {

  public MemoryItem withIds(
      String newUserId, String newGroupId, String newSessionId, List<String> newSenderIds) {
    return new MemoryItem(
        id,
        memoryType,
        newUserId,
        newGroupId,
        newSessionId,
        timestamp,
        subject,
        summary,
        content,
        score,
        newSenderIds,
        profile);
  }
}
