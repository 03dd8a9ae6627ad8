package io.agentic.platform.router.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.SandboxTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScopedTokenTest {

  private static final byte[] KEY =
      "a-test-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final SandboxTarget MINE = new SandboxTarget("mine", "team-a", 8080);

  private static int status(Runnable check) {
    return assertThrows(ProblemException.class, check::run).problem().status();
  }

  @Test
  void aValidTokenCoversItsOwnSandbox() {
    String token = new ScopedToken("team-a", "mine", NOW.getEpochSecond() + 60).mint(KEY);
    ScopedToken.verify(token, KEY, NOW).requireCovers(MINE);
  }

  @Test
  void aNamespaceWideTokenCoversEverySandboxOfThatNamespaceOnly() {
    String token = new ScopedToken("team-a", "*", NOW.getEpochSecond() + 60).mint(KEY);
    ScopedToken.verify(token, KEY, NOW).requireCovers(new SandboxTarget("any", "team-a", 8080));
    assertEquals(
        403,
        status(
            () ->
                ScopedToken.verify(token, KEY, NOW)
                    .requireCovers(new SandboxTarget("any", "team-b", 8080))));
  }

  @Test
  void anotherSandboxIsForbidden() {
    String token = new ScopedToken("team-a", "theirs", NOW.getEpochSecond() + 60).mint(KEY);
    assertEquals(403, status(() -> ScopedToken.verify(token, KEY, NOW).requireCovers(MINE)));
  }

  @Test
  void expiredTamperedForeignAndMalformedTokensAreUnauthenticated() {
    String expired = new ScopedToken("team-a", "mine", NOW.getEpochSecond()).mint(KEY);
    assertEquals(401, status(() -> ScopedToken.verify(expired, KEY, NOW)));

    String valid = new ScopedToken("team-a", "mine", NOW.getEpochSecond() + 60).mint(KEY);
    String widened = valid.replace("v1.team-a.mine.", "v1.team-a.*.");
    assertEquals(401, status(() -> ScopedToken.verify(widened, KEY, NOW)));

    byte[] otherKey = "another-key-that-is-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    assertEquals(401, status(() -> ScopedToken.verify(valid, otherKey, NOW)));

    for (String malformed : new String[] {"", "v1", "v2.team-a.mine.1.sig", "v1.a.b.soon.sig"}) {
      assertEquals(401, status(() -> ScopedToken.verify(malformed, KEY, NOW)), malformed);
    }
  }
}
