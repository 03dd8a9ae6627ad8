package io.agentic.platform.sandboxtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopedTokenTest {

  private static final ScopedTokenKey KEY =
      ScopedTokenKey.of("a-test-key-that-is-at-least-32-bytes-long");
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  private static String refusal(String token, ScopedTokenKey key) {
    return assertThrows(
            InvalidScopedTokenException.class, () -> ScopedToken.verify(token, key, NOW))
        .getMessage();
  }

  @Test
  void aValidTokenCoversItsOwnSandboxOnly() {
    String token = new ScopedToken("team-a", "mine", NOW.getEpochSecond() + 60).mint(KEY);
    ScopedToken verified = ScopedToken.verify(token, KEY, NOW);
    assertTrue(verified.covers("mine", "team-a"));
    assertFalse(verified.covers("theirs", "team-a"));
    assertFalse(verified.covers("mine", "team-b"));
  }

  @Test
  void aNamespaceWideTokenCoversEverySandboxOfThatNamespaceOnly() {
    String token = new ScopedToken("team-a", "*", NOW.getEpochSecond() + 60).mint(KEY);
    ScopedToken verified = ScopedToken.verify(token, KEY, NOW);
    assertTrue(verified.covers("any", "team-a"));
    assertFalse(verified.covers("any", "team-b"));
  }

  @Test
  void expiredTamperedAndForeignTokensAreRefusedSayingWhy() {
    String expired = new ScopedToken("team-a", "mine", NOW.getEpochSecond()).mint(KEY);
    assertEquals("the token has expired", refusal(expired, KEY));

    String valid = new ScopedToken("team-a", "mine", NOW.getEpochSecond() + 60).mint(KEY);
    String widened = valid.replace("v1.team-a.mine.", "v1.team-a.*.");
    assertEquals("the token's signature is not valid", refusal(widened, KEY));

    ScopedTokenKey otherKey = ScopedTokenKey.of("another-key-that-is-at-least-32-bytes!!");
    assertEquals("the token's signature is not valid", refusal(valid, otherKey));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v1", "v2.team-a.mine.1.sig", "v1.a.b.soon.sig", "v1.a.b.-1.sig"})
  void malformedTokensAreRefused(String malformed) {
    assertEquals("the token is not a v1 scoped token", refusal(malformed, KEY));
  }

  @Test
  void anExpiryOfNineteenDigitsAboveTheLargestLongIsRefusedNotThrown() {
    assertEquals(
        "the token's expiry is out of range", refusal("v1.a.b.9999999999999999999.x", KEY));
  }

  @Test
  void issueSetsTheExpiryFromTheTtl() {
    ScopedToken token = ScopedToken.issue("team-a", "*", Duration.ofHours(1), NOW);
    assertEquals(new ScopedToken("team-a", "*", NOW.getEpochSecond() + 3600), token);
  }

  @ParameterizedTest
  @CsvSource({
    "Team-A, box, 60, namespace 'Team-A'",
    "team-a, box.x, 60, sandbox 'box.x'",
    "team-a, '', 60, sandbox ''",
    "team-a, box, 0, ttl must be at least 1 second",
    "team-a, box, -5, ttl must be at least 1 second",
  })
  void issueRefusesBadArgumentsNamingThem(String namespace, String box, long ttl, String says) {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScopedToken.issue(namespace, box, Duration.ofSeconds(ttl), NOW));
    assertTrue(e.getMessage().startsWith(says), e.getMessage());
  }

  @Test
  void aKeyShorterThan32BytesIsRefusedAndNeverPrinted() {
    assertThrows(IllegalArgumentException.class, () -> ScopedTokenKey.of("short"));
    assertThrows(IllegalArgumentException.class, () -> ScopedTokenKey.of(null));
    assertFalse(KEY.toString().contains("a-test-key"));
  }
}
