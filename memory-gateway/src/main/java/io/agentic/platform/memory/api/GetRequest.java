package io.agentic.platform.memory.api;

/** A page of one memory type ordered by timestamp; pages start at 1. */
public record GetRequest(
    MemoryType memoryType, Integer page, Integer pageSize, SortOrder order, Filters filters) {

  public GetRequest withFilters(Filters newFilters) {
    return new GetRequest(memoryType, page, pageSize, order, newFilters);
  }
}
