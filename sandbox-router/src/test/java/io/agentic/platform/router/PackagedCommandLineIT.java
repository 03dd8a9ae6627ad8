package io.agentic.platform.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged jar started as a container would start it, with configuration it must refuse. */
class PackagedCommandLineIT {

  private static final String KEY = "packaged-jar-test-key-of-at-least-32-bytes";

  private record Outcome(int exitCode, String output) {}

  /** Runs the jar until it exits, without the ROUTER_ variables failsafe sets for other tests. */
  private static Outcome run(String name, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    try (RunningJar router =
        PackagedJar.quarkusApp("command-line-" + name)
            .withoutInheritedEnv("ROUTER_")
            .env("QUARKUS_HTTP_PORT", "0")
            .env("QUARKUS_MANAGEMENT_PORT", "0")
            .env("QUARKUS_OTEL_SDK_DISABLED", "true")
            .env(env)
            .args(args)
            .start()) {
      return new Outcome(router.waitForExit(Duration.ofSeconds(30)), router.output());
    }
  }

  @Test
  void refusesToStartWithoutAnAuthenticationMode() throws Exception {
    Outcome outcome = run("no-auth-mode", Map.of("ROUTER_NAMESPACES_ALLOWED", "team-a"));
    assertNotEquals(0, outcome.exitCode());
    assertTrue(
        outcome.output().contains("router.auth.mode (ROUTER_AUTH_MODE) is not set"),
        outcome.output());
  }

  @Test
  void refusesToStartWithoutNamespaces() throws Exception {
    Outcome outcome = run("no-namespaces", Map.of("ROUTER_AUTH_MODE", "none"));
    assertNotEquals(0, outcome.exitCode());
    assertTrue(outcome.output().contains("ROUTER_NAMESPACES_ALLOWED"), outcome.output());
  }

  @Test
  void refusesAShortScopedKey() throws Exception {
    Outcome outcome =
        run(
            "short-key",
            Map.of(
                "ROUTER_AUTH_MODE", "scoped",
                "ROUTER_AUTH_SCOPED_KEY", "too-short",
                "ROUTER_NAMESPACES_ALLOWED", "team-a"));
    assertNotEquals(0, outcome.exitCode());
    assertTrue(outcome.output().contains("at least 32 bytes"), outcome.output());
  }

  @Test
  void mintsATokenWithoutStartingTheServer() throws Exception {
    Outcome outcome =
        run(
            "mint-token",
            Map.of("ROUTER_AUTH_SCOPED_KEY", KEY),
            "mint-token",
            "team-a",
            "box",
            "60");
    assertEquals(0, outcome.exitCode(), outcome.output());
    String token = outcome.output().strip();
    assertTrue(
        ScopedToken.verify(
                token,
                List.of(ScopedTokenKey.of(ScopedTokenKey.DEFAULT_ID, KEY)),
                ScopedToken.DEFAULT_MAX_LIFETIME,
                Instant.now())
            .covers("box", "team-a"));
  }
}
