package io.agentic.platform.router.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MintTokenCommandTest {

  private static final String KEY = "mint-command-key-at-least-32-bytes-long";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return MintTokenCommand.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void mintsATokenTheRouterVerifiesForTheRequestedTtl() {
    long before = Instant.now().getEpochSecond();
    assertEquals(
        0,
        run(
            Map.of("ROUTER_AUTH_SCOPED_KEY", KEY, "ROUTER_AUTH_SCOPED_KEY_ID", "k7"),
            "mint-token",
            "team-a",
            "box",
            "120"));
    String minted = out.toString(StandardCharsets.UTF_8).strip();
    assertTrue(minted.startsWith("v2.k7."), minted);
    ScopedToken token =
        ScopedToken.verify(
            minted,
            List.of(ScopedTokenKey.of("k7", KEY)),
            ScopedToken.DEFAULT_MAX_LIFETIME,
            Instant.now());
    assertTrue(token.covers("box", "team-a"));
    assertTrue(token.expiresAt() >= before + 120 && token.expiresAt() <= before + 122);
  }

  @ParameterizedTest
  @CsvSource({
    "Team-A, box, 60, namespace 'Team-A'",
    "team-a, box.x, 60, sandbox 'box.x'",
    "team-a, box, -5, ttl '-5'",
    "team-a, box, 0, ttl '0'",
    "team-a, box, 86401, ttl must be at most 86400 seconds",
  })
  void refusesBadArgumentsNamingTheArgument(String namespace, String box, String ttl, String says) {
    assertEquals(2, run(Map.of("ROUTER_AUTH_SCOPED_KEY", KEY), "mint-token", namespace, box, ttl));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(says), err.toString());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void refusesAMissingOrShortKey() {
    assertEquals(2, run(Map.of(), "mint-token", "team-a", "box"));
    assertEquals(2, run(Map.of("ROUTER_AUTH_SCOPED_KEY", "short"), "mint-token", "team-a", "box"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("ROUTER_AUTH_SCOPED_KEY"));
  }

  @Test
  void printsUsageWithoutArguments() {
    assertEquals(2, run(Map.of(), "mint-token"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage:"));
  }
}
