package io.agentic.platform.memory.api;

import java.util.List;

/** A search; {@code method} defaults to hybrid, {@code memory_types} to episodic memory. */
public record SearchRequest(
    String query,
    SearchMethod method,
    List<MemoryType> memoryTypes,
    Integer topK,
    Filters filters) {

  public SearchRequest withFilters(Filters newFilters) {
    return new SearchRequest(query, method, memoryTypes, topK, newFilters);
  }
}
