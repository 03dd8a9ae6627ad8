package io.agentic.platform.executor.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.ExecutorConfig.Provider;
import io.agentic.platform.executor.profile.ModelCall;
import io.agentic.platform.executor.request.ChatMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A memory message leading the conversation lands right after the profile's system prompt. */
class MemoryPlacementTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final List<ChatMessage> MESSAGES =
      List.of(
          new ChatMessage("system", "memories"),
          new ChatMessage("user", "earlier"),
          new ChatMessage("assistant", "answer"),
          new ChatMessage("system", "be brief"),
          new ChatMessage("user", "now"));

  @Test
  void chatCompletionsSendsItAsTheSecondMessage() {
    JsonNode body =
        new ChatCompletions(MAPPER, "http://llm", Optional.empty())
            .body(call(Provider.OPENAI), MESSAGES);
    JsonNode wire = body.get("messages");
    assertEquals(6, wire.size());
    assertEquals("profile prompt", wire.get(0).get("content").asText());
    assertEquals("memories", wire.get(1).get("content").asText());
    assertEquals("system", wire.get(1).get("role").asText());
    assertEquals("now", wire.get(5).get("content").asText());
  }

  @Test
  void anthropicMessagesPutsItSecondInTheSystemText() {
    JsonNode body =
        new AnthropicMessages(MAPPER, "http://llm", Optional.empty(), "2023-06-01")
            .body(call(Provider.ANTHROPIC), MESSAGES);
    assertEquals("profile prompt\n\nmemories\n\nbe brief", body.get("system").asText());
    assertEquals(3, body.get("messages").size());
  }

  private static ModelCall call(Provider provider) {
    return new ModelCall(
        provider, "m", Optional.of("profile prompt"), Optional.empty(), Optional.empty());
  }
}
