package io.agentic.platform.executor.memory;

import java.util.Locale;

/** How the memory-gateway searches; hybrid is its default. */
public enum SearchMethod {
  KEYWORD,
  VECTOR,
  HYBRID,
  AGENTIC;

  /** The value in requests and on the gateway's wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
