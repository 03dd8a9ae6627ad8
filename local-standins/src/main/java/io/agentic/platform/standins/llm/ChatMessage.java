package io.agentic.platform.standins.llm;

/** One message of a conversation as both wire formats carry it: a role and plain text. */
record ChatMessage(String role, String content) {

  boolean isSystem() {
    return role.equals("system");
  }

  boolean isTurn() {
    return role.equals("user") || role.equals("assistant");
  }
}
