package io.agentic.platform.sandboxtoken;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token that lets its holder reach one sandbox, or every sandbox of one namespace, through the
 * sandbox-router until it expires:
 *
 * <pre>v2.{key id}.{namespace}.{sandbox-id or *}.{expiry, Unix seconds}.{signature}</pre>
 *
 * where the signature is the unpadded base64url HMAC-SHA256, under the key the token names, of
 * everything before the last dot. Key ids, namespaces and sandbox ids never contain a dot. Tokens
 * of the earlier form without a key id, {@code v1.{namespace}.{sandbox-id or
 * *}.{expiry}.{signature}}, are still verified, against every key the verifier holds: the version
 * is part of what is signed, so neither form can pass for the other, and the same maximum lifetime
 * bounds both.
 */
public record ScopedToken(String namespace, String sandboxId, long expiresAt) {

  public static final String ANY_SANDBOX = "*";

  /** The longest lifetime a token may have unless the router is configured otherwise. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /**
   * How far a minter's clock may run ahead of the verifier's before a token minted for the whole
   * maximum lifetime counts as longer than that.
   */
  static final long CLOCK_SKEW_SECONDS = 60;

  private static final String VERSION = "v2";
  private static final String LEGACY_VERSION = "v1";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,19}");

  /**
   * A token for {@code sandbox} (a DNS-1123 label or {@code *}) in {@code namespace}, valid for
   * {@code ttl} from {@code now}.
   *
   * @throws IllegalArgumentException naming the argument that is not acceptable, including a {@code
   *     ttl} above {@code maxLifetime}
   */
  public static ScopedToken issue(
      String namespace, String sandbox, Duration ttl, Duration maxLifetime, Instant now) {
    if (namespace == null || !LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace '" + namespace + "' is not a DNS-1123 label");
    }
    if (sandbox == null || !(sandbox.equals(ANY_SANDBOX) || LABEL.matcher(sandbox).matches())) {
      throw new IllegalArgumentException(
          "sandbox '" + sandbox + "' is neither a DNS-1123 label nor " + ANY_SANDBOX);
    }
    if (ttl == null || ttl.getSeconds() < 1) {
      throw new IllegalArgumentException("ttl must be at least 1 second");
    }
    if (ttl.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException(
          "ttl must be at most "
              + maxLifetime.getSeconds()
              + " seconds, the longest token lifetime the router accepts");
    }
    return new ScopedToken(namespace, sandbox, now.getEpochSecond() + ttl.getSeconds());
  }

  /** The token signed with {@code key}, naming the key's id. */
  public String mint(ScopedTokenKey key) {
    String claims = VERSION + "." + key.id() + "." + claims();
    return claims + "." + sign(key, claims);
  }

  /**
   * Verifies a presented token's form, signature (under the key it names, or for a v1 token any of
   * {@code keys}) and expiry, and that it does not live longer than {@code maxLifetime}.
   *
   * @throws InvalidScopedTokenException saying which of them is wrong
   */
  public static ScopedToken verify(
      String token, List<ScopedTokenKey> keys, Duration maxLifetime, Instant now) {
    String[] parts = token.split("\\.", -1);
    boolean current = parts.length == 6 && VERSION.equals(parts[0]);
    boolean legacy = parts.length == 5 && LEGACY_VERSION.equals(parts[0]);
    if (!(current || legacy) || !EXPIRY.matcher(parts[parts.length - 2]).matches()) {
      throw new InvalidScopedTokenException("the token is not a v2 (or v1) scoped token");
    }
    int claimsAt = current ? 2 : 1;
    long expiresAt;
    try {
      expiresAt = Long.parseLong(parts[claimsAt + 2]);
    } catch (NumberFormatException e) {
      // Nineteen digits can still be more than a long holds.
      throw new InvalidScopedTokenException("the token's expiry is out of range");
    }
    ScopedToken claimed = new ScopedToken(parts[claimsAt], parts[claimsAt + 1], expiresAt);
    byte[] presented = parts[parts.length - 1].getBytes(StandardCharsets.US_ASCII);
    boolean signed = false;
    for (ScopedTokenKey key : keys) {
      if (current && !key.id().equals(parts[1])) {
        continue;
      }
      String signedPart =
          (current ? VERSION + "." + key.id() : LEGACY_VERSION) + "." + claimed.claims();
      byte[] expected = sign(key, signedPart).getBytes(StandardCharsets.US_ASCII);
      // Every candidate key is compared in constant time; none is skipped on an early match.
      signed |= MessageDigest.isEqual(expected, presented);
    }
    if (!signed) {
      throw new InvalidScopedTokenException(
          current && keys.stream().noneMatch(key -> key.id().equals(parts[1]))
              ? "the token names a key the router does not hold"
              : "the token's signature is not valid");
    }
    if (now.getEpochSecond() >= claimed.expiresAt) {
      throw new InvalidScopedTokenException("the token has expired");
    }
    if (claimed.expiresAt - now.getEpochSecond() > maxLifetime.getSeconds() + CLOCK_SKEW_SECONDS) {
      throw new InvalidScopedTokenException(
          "the token lives longer than the router's maximum of " + maxLifetime.getSeconds() + " s");
    }
    return claimed;
  }

  /** Whether this token lets its holder reach {@code sandbox} in {@code namespace}. */
  public boolean covers(String sandbox, String inNamespace) {
    return namespace.equals(inNamespace)
        && (ANY_SANDBOX.equals(sandboxId) || sandboxId.equals(sandbox));
  }

  private String claims() {
    return namespace + "." + sandboxId + "." + expiresAt;
  }

  private static String sign(ScopedTokenKey key, String claims) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      byte[] signature = mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
