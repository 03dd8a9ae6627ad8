package io.agentic.platform.executor.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.memory.SearchMethod;
import io.agentic.platform.executor.run.FailureReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {

  final RequestParser parser = new RequestParser(new ObjectMapper());

  static final String VALID =
      "{\"version\":1,\"runId\":\"r-1\",\"tenant\":\"acme\",\"agent\":\"support\","
          + "\"sessionId\":\"s-1\",\"userId\":\"u@x\",\"replyTo\":\"agent.results.acme\","
          + "\"deadline\":\"2030-01-01T00:00:00Z\",\"model\":{\"temperature\":0.5,\"maxTokens\":10},"
          + "\"memory\":{\"retrieve\":true,\"store\":false,\"topK\":50,\"method\":\"agentic\"},"
          + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
          + "{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void readsEveryField() {
    AgentRequest request = parser.parse(VALID.getBytes(StandardCharsets.UTF_8));
    assertEquals("r-1", request.runId());
    assertEquals("acme", request.tenant());
    assertEquals("support", request.agent());
    assertEquals("s-1", request.sessionId().orElseThrow());
    assertEquals("u@x", request.userId().orElseThrow());
    assertEquals("agent.results.acme", request.replyTo().orElseThrow());
    assertEquals(Instant.parse("2030-01-01T00:00:00Z"), request.deadline().orElseThrow());
    assertEquals(0.5, request.model().temperature().orElseThrow());
    assertEquals(10, request.model().maxTokens().orElseThrow());
    assertEquals(
        new MemoryOptions(
            Optional.of(true),
            Optional.of(false),
            Optional.of(50),
            Optional.of(SearchMethod.AGENTIC)),
        request.memory());
    assertEquals(2, request.messages().size());
    assertEquals(new ChatMessage("user", "hi"), request.messages().get(1));
  }

  @Test
  void malformedJsonIsItsOwnReason() {
    RejectedRequest e = assertThrows(RejectedRequest.class, () -> parse("{\"version\":"));
    assertEquals(FailureReason.MALFORMED_JSON, e.reason());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[1,2]|the request must be a JSON object",
        "{\"runId\":\"r\"}|version is required and must be the integer 1",
        "{\"version\":2}|version 2 is not supported; this executor reads version 1",
        "{\"version\":1,\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[]}|runId is required",
        "{\"version\":1,\"runId\":\"r 1\"}|runId must be a string of 1 to 128 letters",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\"}|messages is required",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}|messages[0].role must be one of",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}|messages[0].content must be a non-empty string",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"replyTo\":\"a.*\"}|replyTo must be a NATS subject",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"deadline\":\"tomorrow\"}|deadline must be an RFC 3339 timestamp",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"model\":{\"temperature\":3}}|model.temperature must be a number from 0 to 2",
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"memorys\":{}}|unknown field memorys",
      })
  void schemaViolationsNameTheField(String json, String detail) {
    RejectedRequest e = assertThrows(RejectedRequest.class, () -> parse(json));
    assertEquals(FailureReason.SCHEMA_VIOLATION, e.reason());
    assertTrue(e.getMessage().startsWith(detail), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|memory must be an object",
        "{\"recall\":true}|unknown field memory.recall",
        "{\"retrieve\":\"yes\"}|memory.retrieve must be true or false",
        "{\"store\":1}|memory.store must be true or false",
        "{\"topK\":0}|memory.topK must be an integer from 1 to 50",
        "{\"topK\":51}|memory.topK must be an integer from 1 to 50",
        "{\"topK\":2.5}|memory.topK must be an integer from 1 to 50",
        "{\"method\":\"HYBRID\"}|memory.method must be one of keyword, vector, hybrid, agentic",
        "{\"method\":7}|memory.method must be one of keyword, vector, hybrid, agentic",
      })
  void memoryViolationsNameTheField(String memory, String detail) {
    RejectedRequest e = assertThrows(RejectedRequest.class, () -> parse(withMemory(memory, true)));
    assertEquals(FailureReason.SCHEMA_VIOLATION, e.reason());
    assertEquals(detail, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"retrieve\":true}|memory.retrieve needs userId: memories are kept per user",
        "{\"store\":true}|memory.store needs userId: memories are kept per user",
      })
  void memoryNeedsAUser(String memory, String detail) {
    RejectedRequest e = assertThrows(RejectedRequest.class, () -> parse(withMemory(memory, false)));
    assertEquals(FailureReason.SCHEMA_VIOLATION, e.reason());
    assertEquals(detail, e.getMessage());
  }

  @Test
  void memoryIsOptionalAndMayBeTurnedOffWithoutAUser() {
    String without =
        "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    assertEquals(MemoryOptions.NONE, parse(without).memory());
    assertEquals(
        Optional.of(false), parse(withMemory("{\"retrieve\":false}", false)).memory().retrieve());
    assertEquals(MemoryOptions.NONE, parse(withMemory("{}", false)).memory());
  }

  @Test
  void deadlineIsComparedWithNow() {
    AgentRequest request = parser.parse(VALID.getBytes(StandardCharsets.UTF_8));
    assertTrue(request.deadlinePassed(Instant.parse("2030-01-01T00:00:01Z")));
    assertTrue(!request.deadlinePassed(Instant.parse("2029-12-31T23:59:59Z")));
  }

  private static String withMemory(String memory, boolean withUser) {
    return "{\"version\":1,\"runId\":\"r\",\"tenant\":\"a\",\"agent\":\"b\","
        + (withUser ? "\"userId\":\"u-1\"," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"memory\":"
        + memory
        + "}";
  }

  private AgentRequest parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
