package io.agentic.platform.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SandboxTargetTest {

  @Test
  void theResolvedNameIsAbsoluteWhileTheHostHeaderKeepsTheUsualForm() {
    SandboxTarget target = new SandboxTarget("echo", "team-a", 8080);
    assertEquals("echo.team-a.svc.cluster.local.", target.absoluteHost("cluster.local"));
    assertEquals("echo.team-a.svc.cluster.local", target.host("cluster.local"));
  }
}
