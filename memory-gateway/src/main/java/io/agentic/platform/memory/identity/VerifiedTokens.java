package io.agentic.platform.memory.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a short while, the caller (tenant and bound user) of tokens whose signature and
 * claims were already verified, so an agent's repeated calls with the same token skip the RSA
 * check. Entries are keyed by the SHA-256 of the exact token (any other token, tampered ones and
 * ones with the same claims included, is verified afresh) and end at the token's own expiry or
 * after the TTL, whichever comes first; the TTL bounds how long a key removed from the JWKS keeps
 * working. Failed verifications are never remembered.
 */
final class VerifiedTokens {

  static final int MAX_ENTRIES = 10_000;

  /** When full, eviction frees this many places at once, so it runs once per that many tokens. */
  static final int EVICTION_BATCH = MAX_ENTRIES / 10;

  private record Entry(Caller caller, Instant validUntil) {}

  /**
   * A token's SHA-256 as four longs: cheap to hash and compare, and the token itself is not kept.
   * Comparing hashes needs no constant-time care: learning a hash reveals nothing usable.
   */
  private record TokenHash(long first, long second, long third, long fourth) {}

  /**
   * MessageDigest is not thread-safe; one per event-loop thread avoids a provider lookup a call.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(VerifiedTokens::sha256);

  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<TokenHash, Entry> entries = new ConcurrentHashMap<>();

  VerifiedTokens(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  Optional<Caller> lookup(String token) {
    if (ttl.isZero()) {
      return Optional.empty();
    }
    TokenHash key = hash(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.validUntil())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.caller());
  }

  /** Remembers a token that was just verified, until its expiry but at most for the TTL. */
  void remember(String token, Caller caller, Instant tokenExpiry) {
    if (ttl.isZero()) {
      return;
    }
    Instant now = clock.instant();
    Instant limit = now.plus(ttl);
    Instant validUntil = tokenExpiry.isBefore(limit) ? tokenExpiry : limit;
    if (!now.isBefore(validUntil)) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      evict(now);
    }
    entries.put(hash(token), new Entry(caller, validUntil));
  }

  int size() {
    return entries.size();
  }

  /**
   * Drops the expired entries, then, if that freed too little, arbitrary live ones (in the map's
   * hash order, which no caller controls) until a batch of places is free. An evicted token is
   * simply verified again on its next call.
   */
  private void evict(Instant now) {
    entries.values().removeIf(entry -> !now.isBefore(entry.validUntil()));
    Iterator<TokenHash> keys = entries.keySet().iterator();
    while (entries.size() > MAX_ENTRIES - EVICTION_BATCH && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  private static TokenHash hash(String token) {
    MessageDigest digest = SHA_256.get();
    ByteBuffer sum = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    return new TokenHash(sum.getLong(), sum.getLong(), sum.getLong(), sum.getLong());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
