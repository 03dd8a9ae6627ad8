package io.agentic.platform.memory.api;

/**
 * Deletes the memories of a user or a group, optionally only those of one session or sender.
 * Deleting by EverMemOS memory id is deliberately not offered: those ids are global upstream, so
 * such a delete could not be confined to the caller's tenant.
 */
public record DeleteRequest(String userId, String groupId, String sessionId, String senderId) {}
