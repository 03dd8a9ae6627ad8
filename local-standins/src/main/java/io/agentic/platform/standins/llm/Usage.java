package io.agentic.platform.standins.llm;

/** Token usage as the stand-in counts it: whitespace-separated words, at least one each way. */
record Usage(int input, int output) {

  static Usage of(Conversation conversation, String reply) {
    int input = conversation.messages().stream().mapToInt(m -> words(m.content())).sum();
    return new Usage(Math.max(1, input), Math.max(1, words(reply)));
  }

  static int words(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }
}
