package io.agentic.platform.executor.run;

/** A run this replica executes under its claim's {@code attempt}. */
public record HeldRun(RunKey key, int attempt) {}
