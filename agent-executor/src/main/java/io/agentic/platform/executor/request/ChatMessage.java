package io.agentic.platform.executor.request;

/** One conversation message; {@code role} is system, user or assistant. */
public record ChatMessage(String role, String content) {}
