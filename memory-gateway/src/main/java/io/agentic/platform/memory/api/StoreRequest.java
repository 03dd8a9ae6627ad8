package io.agentic.platform.memory.api;

import java.util.List;

/**
 * Messages to remember. With a {@code group_id} they are group memories (every message names its
 * sender); otherwise they are the personal memories of {@code user_id}.
 */
public record StoreRequest(
    String userId, String groupId, String sessionId, List<Message> messages) {}
