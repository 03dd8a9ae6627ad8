package io.agentic.platform.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The spans the Langfuse stand-in received from the otel-bridge, one JSON line each. */
final class TracesLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TracesLog() {}

  static List<JsonNode> spans(Path log) {
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      List<JsonNode> spans = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          spans.add(JSON.readTree(line));
        }
      }
      return spans;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spans of one trace, once every predicate is met by one of them; fails after timeout. */
  @SafeVarargs
  static List<JsonNode> awaitTrace(
      Path log, String traceId, Duration timeout, Predicate<JsonNode>... wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<JsonNode> trace =
          spans(log).stream().filter(s -> traceId.equals(s.path("traceId").asText())).toList();
      boolean complete = true;
      for (Predicate<JsonNode> w : wanted) {
        complete &= trace.stream().anyMatch(w);
      }
      if (complete) {
        return trace;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "trace "
                + traceId
                + " did not reach the Langfuse side complete within "
                + timeout
                + "; its spans there: "
                + trace);
      }
      Thread.sleep(100);
    }
  }

  static Predicate<JsonNode> span(String service, String name) {
    return s ->
        service.equals(s.path("service").asText()) && s.path("name").asText().startsWith(name);
  }
}
