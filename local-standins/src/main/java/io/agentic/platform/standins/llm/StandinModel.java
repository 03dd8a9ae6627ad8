package io.agentic.platform.standins.llm;

import java.util.List;

/**
 * The stand-in's "model": a fixed, visibly labelled sentence built from the prompt, so a reader
 * (and a test) can see that the system prompt, recalled memories and earlier turns reached it.
 */
final class StandinModel {

  /** Each system message is quoted up to this many characters, then "…". */
  static final int SYSTEM_QUOTE_CHARS = 1000;

  private StandinModel() {}

  static String reply(Conversation conversation) {
    List<ChatMessage> messages = conversation.messages();
    int lastUser = lastUserIndex(messages);
    String said = lastUser < 0 ? "" : oneLine(messages.get(lastUser).content());
    List<String> systems =
        messages.stream()
            .filter(ChatMessage::isSystem)
            .map(m -> "\"" + cut(oneLine(m.content())) + "\"")
            .toList();
    long earlierTurns =
        messages.subList(0, Math.max(lastUser, 0)).stream().filter(ChatMessage::isTurn).count();
    StringBuilder reply =
        new StringBuilder("[local stand-in model] You said: \"")
            .append(said)
            .append("\". System messages seen: ")
            .append(systems.size());
    if (!systems.isEmpty()) {
      reply.append(" (").append(String.join(" | ", systems)).append(")");
    }
    return reply
        .append(". Earlier turns in this conversation: ")
        .append(earlierTurns)
        .append(".")
        .toString();
  }

  private static int lastUserIndex(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return i;
      }
    }
    return -1;
  }

  /** The reply is one line: line breaks in the prompt (memory lists have them) become spaces. */
  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }

  private static String cut(String text) {
    return text.length() <= SYSTEM_QUOTE_CHARS ? text : text.substring(0, SYSTEM_QUOTE_CHARS) + "…";
  }
}
