package io.agentic.platform.agentctl.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentic.platform.agentctl.cli.ExitCodes;
import java.io.PrintWriter;

/** A result event (docs/agent-requests.md) as a person reads it. */
public record ResultView(JsonNode event) {

  public String runId() {
    return event.path("runId").asText("");
  }

  public String status() {
    return event.path("status").asText("unknown");
  }

  public boolean succeeded() {
    return "succeeded".equals(status());
  }

  public int exitCode() {
    return succeeded() ? ExitCodes.OK : ExitCodes.NOT_SUCCEEDED;
  }

  /** The whole result: a heading, the answer or the error, then the figures. */
  public void print(PrintWriter out, String traceId) {
    out.println(
        status()
            + "  run "
            + runId()
            + "  (tenant "
            + event.path("tenant").asText("?")
            + ", agent "
            + event.path("agent").asText("?")
            + ")");
    if (succeeded()) {
      out.println(event.path("output").asText(""));
    } else {
      out.println("error " + errorLine());
    }
    StringBuilder figures = new StringBuilder();
    appendIfPresent(figures, "model ", event.path("model"));
    JsonNode usage = event.path("usage");
    if (usage.has("inputTokens") || usage.has("outputTokens")) {
      figures
          .append(" · tokens ")
          .append(usage.path("inputTokens").asText("?"))
          .append(" in / ")
          .append(usage.path("outputTokens").asText("?"))
          .append(" out");
    }
    JsonNode timings = event.path("timings");
    appendIfPresent(figures, " · llm ", timings.path("llmMs"), " ms");
    appendIfPresent(figures, " · total ", timings.path("totalMs"), " ms");
    appendIfPresent(figures, " · attempts ", event.path("attempts"));
    if (traceId != null) {
      figures.append(" · trace ").append(traceId);
    }
    out.println(figures.toString().replaceFirst("^ · ", ""));
  }

  /** One line for a stream of results: status, run, agent, then the start of the answer. */
  public String summaryLine() {
    String text = succeeded() ? event.path("output").asText("") : errorLine();
    text = text.replace('\n', ' ');
    if (text.length() > 160) {
      text = text.substring(0, 157) + "...";
    }
    return status()
        + "  run "
        + runId()
        + "  agent "
        + event.path("agent").asText("?")
        + "  "
        + text;
  }

  private String errorLine() {
    JsonNode error = event.path("error");
    return error.path("code").asText("unknown") + ": " + error.path("message").asText("");
  }

  private static void appendIfPresent(StringBuilder into, String label, JsonNode value) {
    appendIfPresent(into, label, value, "");
  }

  private static void appendIfPresent(
      StringBuilder into, String label, JsonNode value, String unit) {
    if (!value.isMissingNode() && !value.isNull()) {
      into.append(label).append(value.asText()).append(unit);
    }
  }
}
