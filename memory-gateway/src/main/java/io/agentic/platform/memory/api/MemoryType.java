package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of memory the gateway exposes; an adapter refuses those its EverMemOS cannot serve. */
public enum MemoryType {
  @JsonProperty("episodic_memory")
  EPISODIC_MEMORY("episodic_memory"),
  @JsonProperty("profile")
  PROFILE("profile"),
  @JsonProperty("foresight")
  FORESIGHT("foresight"),
  @JsonProperty("event_log")
  EVENT_LOG("event_log");

  private final String wireName;

  MemoryType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
