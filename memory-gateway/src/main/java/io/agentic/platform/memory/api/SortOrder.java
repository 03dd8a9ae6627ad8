package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Order of a fetch by timestamp. */
public enum SortOrder {
  @JsonProperty("asc")
  ASC("asc"),
  @JsonProperty("desc")
  DESC("desc");

  private final String wireName;

  SortOrder(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
