package io.agentic.platform.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar started as a container would start it, with configuration it must refuse. */
class PackagedCommandLineIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final String KEY = "packaged-jar-test-key-of-at-least-32-bytes";

  private record Outcome(int exitCode, String output) {}

  private static Outcome run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("ROUTER_"));
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
    builder.environment().put("QUARKUS_OTEL_SDK_DISABLED", "true");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the jar neither started nor refused within 30 s");
    }
    return new Outcome(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void refusesToStartWithoutAnAuthenticationMode() throws Exception {
    Outcome outcome = run(Map.of("ROUTER_NAMESPACES_ALLOWED", "team-a"));
    assertNotEquals(0, outcome.exitCode());
    assertTrue(
        outcome.output().contains("router.auth.mode (ROUTER_AUTH_MODE) is not set"),
        outcome.output());
  }

  @Test
  void refusesToStartWithoutNamespaces() throws Exception {
    Outcome outcome = run(Map.of("ROUTER_AUTH_MODE", "none"));
    assertNotEquals(0, outcome.exitCode());
    assertTrue(outcome.output().contains("ROUTER_NAMESPACES_ALLOWED"), outcome.output());
  }

  @Test
  void refusesAShortScopedKey() throws Exception {
    Outcome outcome =
        run(
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
        run(Map.of("ROUTER_AUTH_SCOPED_KEY", KEY), "mint-token", "team-a", "box", "60");
    assertEquals(0, outcome.exitCode(), outcome.output());
    String token = outcome.output().strip();
    assertTrue(
        ScopedToken.verify(token, ScopedTokenKey.of(KEY), Instant.now()).covers("box", "team-a"));
  }
}
