package io.agentic.platform.memory.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.scope.Tenant;
import io.agentic.platform.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final Caller acme = Caller.ofTenant(new Tenant("acme"));

  @Test
  void remembersOnlyTheExactTokenUntilItExpires() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    tokens.remember("a.b.c", acme, clock.instant().plusSeconds(10));
    assertEquals(Optional.of(acme), tokens.lookup("a.b.c"));
    assertTrue(tokens.lookup("a.b.d").isEmpty());
    clock.advance(Duration.ofSeconds(10));
    assertTrue(tokens.lookup("a.b.c").isEmpty(), "the token's own expiry ends the entry");
  }

  @Test
  void theTtlBoundsLongLivedTokens() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    tokens.remember("a.b.c", acme, clock.instant().plusSeconds(3600));
    clock.advance(Duration.ofSeconds(59));
    assertEquals(Optional.of(acme), tokens.lookup("a.b.c"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(tokens.lookup("a.b.c").isEmpty());
  }

  @Test
  void aZeroTtlVerifiesEveryCall() {
    var tokens = new VerifiedTokens(Duration.ZERO, clock);
    tokens.remember("a.b.c", acme, clock.instant().plusSeconds(10));
    assertTrue(tokens.lookup("a.b.c").isEmpty());
  }

  @Test
  void anExpiredTokenIsRefusedEvenThoughItWasRemembered() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    tokens.remember("a.b.c", acme, clock.instant().plusSeconds(5));
    clock.advance(Duration.ofSeconds(6));
    assertTrue(tokens.lookup("a.b.c").isEmpty());
    assertEquals(0, tokens.size(), "the expired entry is dropped when found");
  }

  @Test
  void aTokenAlreadyExpiredIsNotRemembered() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    tokens.remember("a.b.c", acme, clock.instant());
    assertTrue(tokens.lookup("a.b.c").isEmpty());
    assertEquals(0, tokens.size());
  }

  @Test
  void tokensDifferingInOneCharacterAreNotConfused() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    var globex = Caller.ofTenant(new Tenant("globex"));
    tokens.remember("header.claims.signatureA", acme, clock.instant().plusSeconds(10));
    tokens.remember("header.claims.signatureB", globex, clock.instant().plusSeconds(10));
    assertEquals(Optional.of(acme), tokens.lookup("header.claims.signatureA"));
    assertEquals(Optional.of(globex), tokens.lookup("header.claims.signatureB"));
    assertTrue(tokens.lookup("header.claims.signatureC").isEmpty());
    assertTrue(tokens.lookup("header.claims.signatureA ").isEmpty());
  }

  @Test
  void staysBoundedUnderManyDistinctTokens() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    for (int i = 0; i < 3 * VerifiedTokens.MAX_ENTRIES; i++) {
      tokens.remember("token-" + i, acme, clock.instant().plusSeconds(10));
      assertTrue(tokens.size() <= VerifiedTokens.MAX_ENTRIES, "bounded after " + i);
    }
    String newest = "token-" + (3 * VerifiedTokens.MAX_ENTRIES - 1);
    assertEquals(Optional.of(acme), tokens.lookup(newest), "the newest token is always kept");
  }

  @Test
  void evictionDropsExpiredEntriesBeforeLiveOnes() {
    var tokens = new VerifiedTokens(Duration.ofSeconds(60), clock);
    int live = VerifiedTokens.MAX_ENTRIES / 2;
    for (int i = 0; i < live; i++) {
      tokens.remember("live-" + i, acme, clock.instant().plusSeconds(30));
    }
    for (int i = live; i < VerifiedTokens.MAX_ENTRIES; i++) {
      tokens.remember("short-" + i, acme, clock.instant().plusSeconds(5));
    }
    clock.advance(Duration.ofSeconds(10));
    tokens.remember("one-more", acme, clock.instant().plusSeconds(30));
    assertEquals(live + 1, tokens.size(), "only the expired entries made room");
    for (int i = 0; i < live; i++) {
      assertEquals(Optional.of(acme), tokens.lookup("live-" + i));
    }
  }
}
