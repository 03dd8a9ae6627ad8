package io.agentic.platform.executor.llm;

/** What the model answered, and what it cost. */
public record Completion(String text, String model, int inputTokens, int outputTokens) {}
