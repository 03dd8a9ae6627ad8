package io.agentic.platform.executor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.executor.memory.RecalledMemory;
import io.agentic.platform.executor.request.ChatMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptAssemblyTest {

  static final List<ChatMessage> SESSION =
      List.of(new ChatMessage("user", "earlier"), new ChatMessage("assistant", "answer"));
  static final List<ChatMessage> REQUEST =
      List.of(new ChatMessage("system", "be brief"), new ChatMessage("user", "now"));

  @Test
  void withoutMemoriesTheSessionComesBeforeTheRequest() {
    assertEquals(
        List.of(SESSION.get(0), SESSION.get(1), REQUEST.get(0), REQUEST.get(1)),
        PromptAssembly.messages(List.of(), SESSION, REQUEST, 4000));
  }

  @Test
  void memoriesAreOneSystemMessageBeforeEverythingElse() {
    List<ChatMessage> messages =
        PromptAssembly.messages(
            List.of(
                new RecalledMemory("likes tea", Optional.of("2025-02-01T10:00:00Z")),
                new RecalledMemory("lives in\nBerlin", Optional.empty())),
            SESSION,
            REQUEST,
            4000);

    assertEquals(5, messages.size());
    assertEquals(
        new ChatMessage(
            "system",
            PromptAssembly.MEMORY_HEADER
                + "\n- (2025-02-01T10:00:00Z) likes tea"
                + "\n- lives in Berlin"),
        messages.get(0));
    assertEquals(SESSION, messages.subList(1, 3));
    assertEquals(REQUEST, messages.subList(3, 5));
  }

  @Test
  void memoriesBeyondTheBudgetAreLeftOutBestFirst() {
    List<RecalledMemory> memories =
        List.of(
            new RecalledMemory("a".repeat(10), Optional.empty()),
            new RecalledMemory("b".repeat(10), Optional.empty()),
            new RecalledMemory("c", Optional.empty()));
    // Each line is "\n- " plus the text: 13 characters for the first two.
    assertEquals(
        PromptAssembly.MEMORY_HEADER + "\n- " + "a".repeat(10),
        PromptAssembly.memoryMessage(memories, 25).orElseThrow().content());
    assertEquals(
        PromptAssembly.MEMORY_HEADER + "\n- " + "a".repeat(10) + "\n- " + "b".repeat(10),
        PromptAssembly.memoryMessage(memories, 26).orElseThrow().content());
  }

  @Test
  void noMessageWhenNoMemoryFits() {
    assertEquals(
        Optional.empty(),
        PromptAssembly.memoryMessage(List.of(new RecalledMemory("too long", Optional.empty())), 5));
    assertEquals(REQUEST, PromptAssembly.messages(List.of(), List.of(), REQUEST, 4000));
  }
}
