package io.agentic.platform.memory.api;

/** Whether the flush extracted memories. */
public record FlushResult(String status) {}
