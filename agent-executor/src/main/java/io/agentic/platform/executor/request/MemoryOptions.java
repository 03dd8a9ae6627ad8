package io.agentic.platform.executor.request;

import io.agentic.platform.executor.memory.SearchMethod;
import java.util.Optional;

/** Memory settings a request asks for; the agent profile decides which of them it may set. */
public record MemoryOptions(
    Optional<Boolean> retrieve,
    Optional<Boolean> store,
    Optional<Integer> topK,
    Optional<SearchMethod> method) {

  public static final MemoryOptions NONE =
      new MemoryOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Whether the request itself turns memory on, as opposed to leaving it to the profile. */
  public boolean asksForMemory() {
    return retrieve.orElse(false) || store.orElse(false);
  }
}
