package io.agentic.platform.executor.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The result of a run, published to the reply subject (or the results subject) and stored with the
 * run. Version 1 of the schema in docs/agent-requests.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultEvent(
    int version,
    String runId,
    String tenant,
    String agent,
    String sessionId,
    String status,
    String output,
    String model,
    Usage usage,
    Timings timings,
    Error error,
    int attempts) {

  public static final int VERSION = 1;

  public record Usage(int inputTokens, int outputTokens) {}

  /** When the run was received, started and ended, and how long the LLM took (milliseconds). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Timings(
      Instant receivedAt, Instant startedAt, Instant finishedAt, Long llmMs, long totalMs) {}

  public record Error(String code, String message) {}
}
