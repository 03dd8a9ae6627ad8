package io.agentic.platform.executor.memory;

import java.util.Optional;

/** One memory the gateway found: its text and, when known, when it happened. */
public record RecalledMemory(String text, Optional<String> timestamp) {}
