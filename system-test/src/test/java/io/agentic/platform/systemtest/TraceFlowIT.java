package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flow 2: the spans of a run reach the Langfuse side through the otel-bridge, in the trace the
 * producer (agentctl) started, with the GenAI attributes Langfuse reads.
 */
@ExtendWith(SuiteExtension.class)
class TraceFlowIT {

  @Test
  void aRunsSpansReachLangfuseInTheProducersTraceWithGenAiAttributes(LocalSuite suite)
      throws Exception {
    String tenant = "trace-" + UUID.randomUUID().toString().substring(0, 8);
    Agentctl.Outcome outcome =
        Agentctl.request(
            suite,
            tenant,
            "--agent=support",
            "--session=s-1",
            "--user=u-7",
            "--memory",
            "What is new?");
    assertEquals(0, outcome.exitCode(), outcome.output());

    List<JsonNode> trace =
        TracesLog.awaitTrace(
            suite.tracesLog,
            outcome.traceId(),
            Duration.ofSeconds(60),
            TracesLog.span("agent-executor", "invoke_agent"),
            TracesLog.span("agent-executor", "chat "),
            TracesLog.span("agent-executor", "memory search"),
            TracesLog.span("memory-gateway", "POST /v1/memories/search"));

    JsonNode run =
        trace.stream().filter(TracesLog.span("agent-executor", "invoke_agent")).findFirst().get();
    assertEquals("support", run.path("attributes").path("gen_ai.agent.name").asText());
    assertEquals("s-1", run.path("attributes").path("gen_ai.conversation.id").asText());
    assertEquals("u-7", run.path("attributes").path("user.id").asText());

    JsonNode chat =
        trace.stream().filter(TracesLog.span("agent-executor", "chat ")).findFirst().get();
    JsonNode attributes = chat.path("attributes");
    assertEquals("SPAN_KIND_CLIENT", chat.path("kind").asText());
    assertEquals(run.path("spanId").asText(), chat.path("parentSpanId").asText());
    assertEquals("gpt-4o-mini", attributes.path("gen_ai.request.model").asText());
    assertTrue(attributes.path("gen_ai.response.model").isTextual(), chat.toString());
    assertTrue(attributes.path("gen_ai.usage.input_tokens").asInt() > 0, chat.toString());
    assertTrue(attributes.path("gen_ai.usage.output_tokens").asInt() > 0, chat.toString());

    // The memory-gateway's work is part of the run's trace, under the executor's call to it.
    JsonNode search = only(trace, TracesLog.span("agent-executor", "memory search"));
    JsonNode served = only(trace, TracesLog.span("memory-gateway", "POST /v1/memories/search"));
    assertEquals(search.path("spanId").asText(), served.path("parentSpanId").asText());
    assertEquals(run.path("spanId").asText(), search.path("parentSpanId").asText());

    // Probes and the executor's own HTTP and Redis calls do not start traces of their own.
    for (JsonNode span : TracesLog.spans(suite.tracesLog)) {
      if ("agent-executor".equals(span.path("service").asText())) {
        String name = span.path("name").asText();
        assertFalse(
            name.equals("GET /ready")
                || name.equals("GET /health")
                || name.equals("POST")
                || name.equals("ping"),
            "a span the executor should not make: " + span);
      }
    }
  }

  private static JsonNode only(List<JsonNode> trace, java.util.function.Predicate<JsonNode> which) {
    List<JsonNode> found = trace.stream().filter(which).toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }
}
