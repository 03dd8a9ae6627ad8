package io.agentic.platform.executor.outage;

/** What a run needs besides the LLM: while one of them is down, no run can finish. */
public enum Dependency {
  POSTGRESQL("postgresql"),
  REDIS("redis"),
  NATS("nats");

  private final String label;

  Dependency(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
