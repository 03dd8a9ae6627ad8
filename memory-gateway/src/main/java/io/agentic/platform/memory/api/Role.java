package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who wrote a message: a person or the AI. */
public enum Role {
  @JsonProperty("user")
  USER("user"),
  @JsonProperty("assistant")
  ASSISTANT("assistant");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
