package io.agentic.platform.memory.api;

import java.time.OffsetDateTime;

/**
 * Which memories a search or fetch looks at: those of a user and/or a group, optionally narrowed to
 * a session and a time range (inclusive bounds). At least a user or a group is required.
 */
public record Filters(
    String userId,
    String groupId,
    String sessionId,
    OffsetDateTime startTime,
    OffsetDateTime endTime) {

  public Filters withIds(String newUserId, String newGroupId, String newSessionId) {
    return new Filters(newUserId, newGroupId, newSessionId, startTime, endTime);
  }
}
