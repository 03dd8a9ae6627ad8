package io.agentic.platform.executor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A result event cut to the 4096 bytes Kubernetes keeps, still JSON and saying what is missing. */
class TerminationMessageTest {

  static final Pattern MARKER =
      Pattern.compile(
          "…\\[cut: (\\d+) more characters; the full (\\w+) is in the pod log( and the run"
              + " record)?]$");

  final ObjectMapper mapper = new ObjectMapper();
  final TerminationMessage recorded = new TerminationMessage(mapper, true);

  @Test
  void anEventThatFitsIsWrittenAsItIs() throws Exception {
    String event = succeeded("a short answer");
    assertEquals(event, recorded.of(event).orElseThrow());
  }

  @Test
  void aLongOutputIsCutAsLittleAsItTakes() throws Exception {
    String output = "x".repeat(10_000);
    String message = recorded.of(succeeded(output)).orElseThrow();

    int size = message.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(size <= TerminationMessage.MAX_BYTES, "size " + size);
    assertTrue(size > TerminationMessage.MAX_BYTES - 2, "one more character would not fit");
    JsonNode json = mapper.readTree(message);
    assertEquals("succeeded", json.get("status").asText(), "the rest of the event is kept");
    assertEquals("gpt-test", json.get("model").asText());
    assertEquals(13, json.at("/usage/inputTokens").asInt());
    assertCut(output, json.get("output").asText(), "output", true);
  }

  @Test
  void charactersOfSeveralBytesAndEscapesAreNeverSplit() throws Exception {
    // Four-byte characters (two Java chars each), two-byte ones, and characters JSON escapes.
    String output = "😀é\"\\\n\u0001".repeat(2_000);
    String message = recorded.of(succeeded(output)).orElseThrow();

    assertTrue(message.getBytes(StandardCharsets.UTF_8).length <= TerminationMessage.MAX_BYTES);
    String cut = mapper.readTree(message).get("output").asText();
    assertCut(output, cut, "output", true);
    String kept = cut.substring(0, cut.indexOf("…[cut:"));
    assertTrue(
        kept.isEmpty() || !Character.isHighSurrogate(kept.charAt(kept.length() - 1)),
        "no half character");
  }

  @Test
  void aLongErrorMessageIsCutWhenThereIsNoOutput() throws Exception {
    ObjectNode event = mapper.createObjectNode();
    event.put("version", 1).put("runId", "r-1").put("tenant", "acme").put("agent", "support");
    event.put("status", "failed");
    event.putObject("error").put("code", "llm_rejected").put("message", "no ".repeat(3_000));
    event.put("attempts", 1);
    String message =
        new TerminationMessage(mapper, false).of(mapper.writeValueAsString(event)).orElseThrow();

    assertTrue(message.getBytes(StandardCharsets.UTF_8).length <= TerminationMessage.MAX_BYTES);
    JsonNode json = mapper.readTree(message);
    assertEquals("llm_rejected", json.at("/error/code").asText());
    assertCut("no ".repeat(3_000), json.at("/error/message").asText(), "message", false);
  }

  /** {@code cut} is a prefix of {@code whole} and a marker counting the characters left out. */
  private static void assertCut(String whole, String cut, String field, boolean recorded) {
    Matcher marker = MARKER.matcher(cut);
    assertTrue(marker.find(), cut.substring(Math.max(0, cut.length() - 120)));
    assertEquals(field, marker.group(2));
    assertEquals(recorded, marker.group(3) != null, "names the run record only when there is one");
    String kept = cut.substring(0, marker.start());
    assertTrue(whole.startsWith(kept), "the kept part is the beginning of the whole");
    assertEquals(
        whole.codePointCount(0, whole.length()),
        kept.codePointCount(0, kept.length()) + Integer.parseInt(marker.group(1)),
        "the marker counts what is missing");
  }

  private String succeeded(String output) throws Exception {
    ObjectNode event = mapper.createObjectNode();
    event.put("version", 1).put("runId", "r-1").put("tenant", "acme").put("agent", "support");
    event.put("status", "succeeded").put("output", output).put("model", "gpt-test");
    event.putObject("usage").put("inputTokens", 13).put("outputTokens", 5);
    event
        .putObject("timings")
        .put("receivedAt", "2030-01-01T12:00:00Z")
        .put("finishedAt", "2030-01-01T12:00:01Z")
        .put("llmMs", 851)
        .put("totalMs", 870);
    event.put("attempts", 1);
    return mapper.writeValueAsString(event);
  }
}
