package io.agentic.platform.sandboxtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopedTokenTest {

  private static final String KEY_TEXT = "a-test-key-that-is-at-least-32-bytes-long";
  private static final ScopedTokenKey KEY = ScopedTokenKey.of("k2", KEY_TEXT);
  private static final ScopedTokenKey PREVIOUS =
      ScopedTokenKey.of("k1", "the-previous-key-also-at-least-32-bytes");
  private static final Duration DAY = ScopedToken.DEFAULT_MAX_LIFETIME;
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  private static ScopedToken verify(String token, ScopedTokenKey... keys) {
    return ScopedToken.verify(token, List.of(keys), DAY, NOW);
  }

  private static String refusal(String token, ScopedTokenKey... keys) {
    return assertThrows(InvalidScopedTokenException.class, () -> verify(token, keys)).getMessage();
  }

  private static String inAMinute(String namespace, String sandbox, ScopedTokenKey key) {
    return new ScopedToken(namespace, sandbox, NOW.getEpochSecond() + 60).mint(key);
  }

  @Test
  void aValidTokenCoversItsOwnSandboxOnly() {
    ScopedToken verified = verify(inAMinute("team-a", "mine", KEY), KEY);
    assertTrue(verified.covers("mine", "team-a"));
    assertFalse(verified.covers("theirs", "team-a"));
    assertFalse(verified.covers("mine", "team-b"));
  }

  @Test
  void aNamespaceWideTokenCoversEverySandboxOfThatNamespaceOnly() {
    ScopedToken verified = verify(inAMinute("team-a", "*", KEY), KEY);
    assertTrue(verified.covers("any", "team-a"));
    assertFalse(verified.covers("any", "team-b"));
  }

  @Test
  void aTokenNamesItsKeyAndEitherTheCurrentOrThePreviousKeyVerifiesIt() {
    String token = inAMinute("team-a", "mine", KEY);
    assertTrue(token.startsWith("v2.k2.team-a.mine."), token);
    assertEquals("team-a", verify(token, KEY, PREVIOUS).namespace());
    assertEquals(
        "team-a", verify(inAMinute("team-a", "mine", PREVIOUS), KEY, PREVIOUS).namespace());
    assertEquals(
        "the token names a key the router does not hold",
        refusal(inAMinute("team-a", "mine", PREVIOUS), KEY));
    // The same secret under another id does not verify it: the id is signed too.
    String renamed = token.replace("v2.k2.", "v2.k1.");
    assertEquals(
        "the token's signature is not valid", refusal(renamed, ScopedTokenKey.of("k1", KEY_TEXT)));
  }

  @Test
  void aTokenLivingLongerThanTheMaximumLifetimeIsRefused() {
    long limit = NOW.getEpochSecond() + DAY.getSeconds() + ScopedToken.CLOCK_SKEW_SECONDS;
    assertEquals(
        "mine", verify(new ScopedToken("team-a", "mine", limit).mint(KEY), KEY).sandboxId());
    assertEquals(
        "the token lives longer than the router's maximum of 86400 s",
        refusal(new ScopedToken("team-a", "mine", limit + 1).mint(KEY), KEY));
    assertEquals(
        "the token lives longer than the router's maximum of 86400 s",
        refusal(new ScopedToken("team-a", "mine", Long.MAX_VALUE).mint(KEY), KEY));
  }

  @Test
  void aV1TokenWithoutKeyIdIsVerifiedAgainstEveryKeyAndBoundedLikeAnyOther() throws Exception {
    String claims = "v1.team-a.mine." + (NOW.getEpochSecond() + 60);
    String v1 = claims + "." + hmac(KEY_TEXT, claims);
    assertEquals("mine", verify(v1, PREVIOUS, KEY).sandboxId());
    assertEquals("the token's signature is not valid", refusal(v1, PREVIOUS));
    String forever = "v1.team-a.mine." + (NOW.getEpochSecond() + 30 * 86400);
    assertEquals(
        "the token lives longer than the router's maximum of 86400 s",
        refusal(forever + "." + hmac(KEY_TEXT, forever), KEY));
  }

  @Test
  void expiredTamperedAndForeignTokensAreRefusedSayingWhy() {
    String expired = new ScopedToken("team-a", "mine", NOW.getEpochSecond()).mint(KEY);
    assertEquals("the token has expired", refusal(expired, KEY));

    String valid = inAMinute("team-a", "mine", KEY);
    String widened = valid.replace(".team-a.mine.", ".team-a.*.");
    assertEquals("the token's signature is not valid", refusal(widened, KEY));

    ScopedTokenKey otherKey = ScopedTokenKey.of("k2", "another-key-that-is-at-least-32-bytes!!");
    assertEquals("the token's signature is not valid", refusal(valid, otherKey));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "v1",
        "v2.k2.team-a.mine.1",
        "v3.k2.a.b.1.sig",
        "v2.k2.a.b.soon.sig",
        "v1.a.b.-1.sig"
      })
  void malformedTokensAreRefused(String malformed) {
    assertEquals("the token is not a v2 (or v1) scoped token", refusal(malformed, KEY));
  }

  @Test
  void anExpiryOfNineteenDigitsAboveTheLargestLongIsRefusedNotThrown() {
    assertEquals(
        "the token's expiry is out of range", refusal("v2.k2.a.b.9999999999999999999.x", KEY));
  }

  @Test
  void issueSetsTheExpiryFromTheTtl() {
    ScopedToken token = ScopedToken.issue("team-a", "*", Duration.ofHours(1), DAY, NOW);
    assertEquals(new ScopedToken("team-a", "*", NOW.getEpochSecond() + 3600), token);
  }

  @ParameterizedTest
  @CsvSource({
    "Team-A, box, 60, namespace 'Team-A'",
    "team-a, box.x, 60, sandbox 'box.x'",
    "team-a, '', 60, sandbox ''",
    "team-a, box, 0, ttl must be at least 1 second",
    "team-a, box, -5, ttl must be at least 1 second",
    "team-a, box, 86401, ttl must be at most 86400 seconds",
  })
  void issueRefusesBadArgumentsNamingThem(String namespace, String box, long ttl, String says) {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScopedToken.issue(namespace, box, Duration.ofSeconds(ttl), DAY, NOW));
    assertTrue(e.getMessage().startsWith(says), e.getMessage());
  }

  @Test
  void aKeyShorterThan32BytesOrWithABadIdIsRefusedAndNeverPrinted() {
    assertThrows(IllegalArgumentException.class, () -> ScopedTokenKey.of("k1", "short"));
    assertThrows(IllegalArgumentException.class, () -> ScopedTokenKey.of("k1", null));
    assertThrows(IllegalArgumentException.class, () -> ScopedTokenKey.of("k.1", KEY_TEXT));
    assertThrows(IllegalArgumentException.class, () -> ScopedTokenKey.of(null, KEY_TEXT));
    assertFalse(KEY.toString().contains("a-test-key"));
  }

  /** A v1 token as any HMAC tool makes it, independent of the library's own minting. */
  private static String hmac(String key, String claims) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII)));
  }
}
