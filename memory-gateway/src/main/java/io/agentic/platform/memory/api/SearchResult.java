package io.agentic.platform.memory.api;

import java.util.List;

/** Matching memories, best first. */
public record SearchResult(List<MemoryItem> memories) {}
