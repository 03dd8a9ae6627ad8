package io.agentic.platform.standins.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandinModelTest {

  @Test
  void withoutSystemMessagesSaysNone() {
    Conversation conversation =
        new Conversation("m", List.of(new ChatMessage("user", "hello world")));

    assertEquals(
        "[local stand-in model] You said: \"hello world\". System messages seen: 0."
            + " Earlier turns in this conversation: 0.",
        StandinModel.reply(conversation));
  }

  @Test
  void longSystemMessagesAreCutAndEachIsQuoted() {
    String longPrompt = "a".repeat(StandinModel.SYSTEM_QUOTE_CHARS + 50);
    Conversation conversation =
        new Conversation(
            "m",
            List.of(
                new ChatMessage("system", longPrompt),
                new ChatMessage("system", "second\nline"),
                new ChatMessage("user", "q")));

    String reply = StandinModel.reply(conversation);

    assertTrue(
        reply.contains(
            "System messages seen: 2 (\""
                + "a".repeat(StandinModel.SYSTEM_QUOTE_CHARS)
                + "…\" | \"second line\")."),
        reply);
    assertEquals(1, reply.lines().count());
  }

  @Test
  void onlyTurnsBeforeTheLastUserMessageCount() {
    Conversation conversation =
        new Conversation(
            "m",
            List.of(
                new ChatMessage("user", "a"),
                new ChatMessage("tool", "ignored"),
                new ChatMessage("assistant", "b"),
                new ChatMessage("user", "c"),
                new ChatMessage("assistant", "after the last user message")));

    assertTrue(StandinModel.reply(conversation).endsWith("Earlier turns in this conversation: 2."));
  }

  @Test
  void usageCountsWordsAndIsNeverZero() {
    Conversation empty = new Conversation("m", List.of(new ChatMessage("user", "  ")));

    assertEquals(new Usage(1, 3), Usage.of(empty, "three small words"));
    assertEquals(0, Usage.words(" \n "));
  }
}
