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
import java.util.List;
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

    String minted = result.getOutput().strip();
    assertTrue(minted.startsWith("v2." + ScopedTokenKey.DEFAULT_ID + "."), minted);
    ScopedToken token =
        ScopedToken.verify(
            minted,
            List.of(ScopedTokenKey.of(ScopedTokenKey.DEFAULT_ID, KEY)),
            ScopedToken.DEFAULT_MAX_LIFETIME,
            Instant.now());
    assertTrue(token.covers("any-box", "team-a"));
    assertFalse(token.covers("any-box", "team-b"));
    assertTrue(token.expiresAt() >= before + 7200 && token.expiresAt() <= after + 7200);
  }

  @Test
  void writesTheKeyIdTheRouterKnowsTheKeyBy(QuarkusMainLauncher launcher) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key"), KEY);
    LaunchResult result =
        launcher.launch(
            "token", "--namespace=team-a", "--sandbox=box", "--key-id=k2", "--key-file=" + keyFile);
    assertEquals(0, result.exitCode(), result.getErrorOutput());
    String minted = result.getOutput().strip();
    assertTrue(minted.startsWith("v2.k2.team-a.box."), minted);
    ScopedToken.verify(
        minted,
        List.of(ScopedTokenKey.of("k2", KEY)),
        ScopedToken.DEFAULT_MAX_LIFETIME,
        Instant.now());
  }

  @Test
  void refusesATtlAboveTheRoutersMaximumInOneLine(QuarkusMainLauncher launcher) throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key"), KEY);
    LaunchResult result =
        launcher.launch(
            "token", "--namespace=team-a", "--sandbox=box", "--ttl=25h", "--key-file=" + keyFile);
    assertEquals(2, result.exitCode());
    assertEquals(
        "agentctl: ttl must be at most 86400 seconds, the longest token lifetime the router"
            + " accepts",
        result.getErrorOutput().strip());
    assertEquals("", result.getOutput());
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
      {"token", "--namespace=team-a", "--sandbox=box", "--key-id=K.1", "--key-file=" + keyFile},
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
