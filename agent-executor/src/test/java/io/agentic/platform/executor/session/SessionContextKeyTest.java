package io.agentic.platform.executor.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SessionContextKeyTest {

  @Test
  void noTwoTenantAndSessionPairsShareAKey() {
    assertNotEquals(SessionContext.key("a:b", "c"), SessionContext.key("a", "b:c"));
    assertNotEquals(SessionContext.key("acme:", "x"), SessionContext.key("acme", ":x"));
  }

  @Test
  void idsWithoutTheSeparatorKeepTheirPlainKey() {
    assertEquals("agent-executor:session:acme:conv-42", SessionContext.key("acme", "conv-42"));
    assertEquals("agent-executor:session:acme:u@x.y_1-2", SessionContext.key("acme", "u@x.y_1-2"));
  }
}
