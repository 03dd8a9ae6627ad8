package io.agentic.platform.executor.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.profile.MemoryPlan;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.RequestParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayWireTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  final GatewayWire wire = new GatewayWire(MAPPER);

  @Test
  void searchesTheUsersSessionWithTheLastUserMessage() throws Exception {
    AgentRequest request =
        request(
            "r-1",
            "\"sessionId\":\"s-1\",",
            "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"  second question  \"},"
                + "{\"role\":\"system\",\"content\":\"be brief\"}");
    String query = GatewayWire.query(request, 2000).orElseThrow();
    assertEquals("second question", query);
    assertEquals("second", GatewayWire.query(request, 6).orElseThrow());
    assertEquals(
        MAPPER.readTree(
            "{\"query\":\"second question\",\"method\":\"agentic\",\"top_k\":7,"
                + "\"filters\":{\"user_id\":\"u-1\",\"session_id\":\"s-1\"}}"),
        wire.search(request, new MemoryPlan(true, false, 7, SearchMethod.AGENTIC), query));
  }

  @Test
  void noQueryWithoutAUserMessage() {
    AgentRequest request = request("r-1", "", "{\"role\":\"system\",\"content\":\"x\"}");
    assertEquals(Optional.empty(), GatewayWire.query(request, 2000));
  }

  @Test
  void theTurnIsTheUserMessagesAndTheAnswerUnderRunIds() throws Exception {
    AgentRequest request =
        request(
            "r-1",
            "",
            "{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"earlier answer\"},"
                + "{\"role\":\"user\",\"content\":\"   \"},{\"role\":\"user\",\"content\":\"more\"}");
    JsonNode body =
        wire.store(
                request,
                "hello",
                Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:01.500Z"))
            .orElseThrow();
    assertEquals(
        MAPPER.readTree(
            "{\"user_id\":\"u-1\",\"messages\":["
                + message("r-1:in:1", "u-1", "user", "hi", "2030-01-01T00:00:00Z")
                + ","
                + message("r-1:in:4", "u-1", "user", "more", "2030-01-01T00:00:00Z")
                + ","
                + message("r-1:out", "support", "assistant", "hello", "2030-01-01T00:00:01.500Z")
                + "]}"),
        body);
  }

  @Test
  void nothingToStoreIsNoCall() {
    AgentRequest request = request("r-1", "", "{\"role\":\"system\",\"content\":\"x\"}");
    assertEquals(Optional.empty(), wire.store(request, " ", Instant.EPOCH, Instant.EPOCH));
  }

  @Test
  void longRunIdsAreHashedToFitTheGatewaysIds() {
    String runId = "r".repeat(128);
    String id = GatewayWire.messageId(runId, "in:199");
    assertTrue(id.length() <= GatewayWire.MAX_ID_LENGTH, id);
    assertTrue(id.matches("run-[0-9a-f]{64}:in:199"), id);
    assertEquals(id, GatewayWire.messageId(runId, "in:199"), "the same for every delivery");
    assertEquals("r-1:out", GatewayWire.messageId("r-1", "out"));
  }

  @Test
  void searchAnswersPreferSummariesAndSkipEmptyMemories() throws Exception {
    List<RecalledMemory> memories =
        GatewayWire.memories(
            MAPPER.readTree(
                "{\"memories\":[{\"summary\":\"s\",\"content\":\"c\",\"timestamp\":\"t\"},"
                    + "{\"content\":\"c2\"},{\"subject\":\"topic\"},{\"summary\":\" \"},"
                    + "{\"score\":0.5}]}"));
    assertEquals(
        List.of(
            new RecalledMemory("s", Optional.of("t")),
            new RecalledMemory("c2", Optional.empty()),
            new RecalledMemory("topic", Optional.empty())),
        memories);
    assertThrows(IllegalArgumentException.class, () -> GatewayWire.memories(MAPPER.readTree("{}")));
  }

  private static String message(
      String id, String sender, String role, String content, String timestamp) {
    return "{\"message_id\":\""
        + id
        + "\",\"sender_id\":\""
        + sender
        + "\",\"sender_name\":\""
        + sender
        + "\",\"role\":\""
        + role
        + "\",\"content\":\""
        + content
        + "\",\"timestamp\":\""
        + timestamp
        + "\"}";
  }

  private static AgentRequest request(String runId, String extra, String messages) {
    String json =
        "{\"version\":1,\"runId\":\""
            + runId
            + "\",\"tenant\":\"acme\",\"agent\":\"support\",\"userId\":\"u-1\","
            + extra
            + "\"messages\":["
            + messages
            + "]}";
    return new RequestParser(MAPPER).parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
