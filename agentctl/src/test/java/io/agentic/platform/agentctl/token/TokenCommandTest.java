package io.agentic.platform.agentctl.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class TokenCommandTest {

  private static final String KEY = "agentctl-test-key-at-least-32-bytes-long";

  @TempDir Path dir;

  @Test
  void mintsATokenTheRouterAcceptsForTheTtl(QuarkusMainLauncher launcher) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key"), KEY + "\n");
    long before = Instant.now().getEpochSecond();
    LaunchResult result =
        launcher.launch(
            "token", "--namespace=team-a", "--sandbox=*", "--ttl=2h", "--key-file=" + keyFile);
    long after = Instant.now().getEpochSecond();
    assertEquals(0, result.exitCode(), result.getErrorOutput());

    ScopedToken token =
        ScopedToken.verify(result.getOutput().strip(), ScopedTokenKey.of(KEY), Instant.now());
    assertTrue(token.covers("any-box", "team-a"));
    assertFalse(token.covers("any-box", "team-b"));
    assertTrue(token.expiresAt() >= before + 7200 && token.expiresAt() <= after + 7200);
  }

  @Test
  void refusesBadArgumentsAndKeysInOneLine(QuarkusMainLauncher launcher) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key"), KEY);
    Path shortKey = Files.writeString(dir.resolve("short"), "short");
    String[][] cases = {
      {"token", "--namespace=Team-A", "--sandbox=box", "--key-file=" + keyFile},
      {"token", "--namespace=team-a", "--sandbox=box.x", "--key-file=" + keyFile},
      {"token", "--namespace=team-a", "--sandbox=box", "--ttl=0s", "--key-file=" + keyFile},
      {"token", "--namespace=team-a", "--sandbox=box", "--key-file=" + shortKey},
      {"token", "--namespace=team-a", "--sandbox=box", "--key-file=" + dir.resolve("missing")},
    };
    for (String[] args : cases) {
      LaunchResult result = launcher.launch(args);
      assertEquals(2, result.exitCode(), String.join(" ", args));
      assertTrue(result.getErrorOutput().startsWith("agentctl: "), result.getErrorOutput());
      assertEquals(1, result.getErrorOutput().strip().lines().count(), result.getErrorOutput());
      assertFalse(result.getErrorOutput().contains(KEY));
      assertEquals("", result.getOutput());
    }
  }
}
