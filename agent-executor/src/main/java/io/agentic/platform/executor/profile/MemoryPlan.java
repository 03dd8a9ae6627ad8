package io.agentic.platform.executor.profile;

import io.agentic.platform.executor.memory.SearchMethod;

/**
 * What one run does with the memory-gateway: its agent profile's memory defaults plus allowed
 * request overrides. Only plans of runs with a user id retrieve or store.
 */
public record MemoryPlan(boolean retrieve, boolean store, int topK, SearchMethod method) {

  public static MemoryPlan off(int topK) {
    return new MemoryPlan(false, false, topK, SearchMethod.HYBRID);
  }

  public boolean any() {
    return retrieve || store;
  }
}
