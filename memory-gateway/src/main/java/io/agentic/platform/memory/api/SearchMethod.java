package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Retrieval methods EverMemOS offers; hybrid is its default. */
public enum SearchMethod {
  @JsonProperty("keyword")
  KEYWORD("keyword"),
  @JsonProperty("vector")
  VECTOR("vector"),
  @JsonProperty("hybrid")
  HYBRID("hybrid"),
  @JsonProperty("agentic")
  AGENTIC("agentic");

  private final String wireName;

  SearchMethod(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
