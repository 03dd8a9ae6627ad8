package io.agentic.platform.memory.api;

/** Asks EverMemOS to extract memories now from what a user's (or group's) session accumulated. */
public record FlushRequest(String userId, String groupId, String sessionId) {}
