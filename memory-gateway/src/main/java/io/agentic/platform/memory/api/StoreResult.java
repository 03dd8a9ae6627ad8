package io.agentic.platform.memory.api;

/** How many messages EverMemOS took, and whether it extracted memories yet or accumulated. */
public record StoreResult(int accepted, String status) {}
