package io.agentic.platform.executor.run;

import java.util.Locale;

/** The run lifecycle as stored in PostgreSQL. */
public enum RunStatus {
  RECEIVED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  DEAD;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == DEAD;
  }
}
