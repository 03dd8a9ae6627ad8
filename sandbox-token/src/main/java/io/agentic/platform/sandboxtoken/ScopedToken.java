package io.agentic.platform.sandboxtoken;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token that lets its holder reach one sandbox, or every sandbox of one namespace, through the
 * sandbox-router until it expires:
 *
 * <pre>v1.{namespace}.{sandbox-id or *}.{expiry, Unix seconds}.{signature}</pre>
 *
 * where the signature is the unpadded base64url HMAC-SHA256, under the router's key, of everything
 * before the last dot. Namespaces and sandbox ids are DNS labels, so they never contain a dot.
 */
public record ScopedToken(String namespace, String sandboxId, long expiresAt) {

  public static final String ANY_SANDBOX = "*";

  private static final String VERSION = "v1";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,19}");

  /**
   * A token for {@code sandbox} (a DNS-1123 label or {@code *}) in {@code namespace}, valid for
   * {@code ttl} from {@code now}.
   *
   * @throws IllegalArgumentException naming the argument that is not acceptable
   */
  public static ScopedToken issue(String namespace, String sandbox, Duration ttl, Instant now) {
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
    return new ScopedToken(namespace, sandbox, now.getEpochSecond() + ttl.getSeconds());
  }

  public String mint(ScopedTokenKey key) {
    String claims = claims();
    return claims + "." + sign(key, claims);
  }

  /**
   * Verifies a presented token's form, signature and expiry.
   *
   * @throws InvalidScopedTokenException saying which of them is wrong
   */
  public static ScopedToken verify(String token, ScopedTokenKey key, Instant now) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0]) || !EXPIRY.matcher(parts[3]).matches()) {
      throw new InvalidScopedTokenException("the token is not a v1 scoped token");
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      // Nineteen digits can still be more than a long holds.
      throw new InvalidScopedTokenException("the token's expiry is out of range");
    }
    ScopedToken claimed = new ScopedToken(parts[1], parts[2], expiresAt);
    byte[] expected = sign(key, claimed.claims()).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidScopedTokenException("the token's signature is not valid");
    }
    if (now.getEpochSecond() >= claimed.expiresAt) {
      throw new InvalidScopedTokenException("the token has expired");
    }
    return claimed;
  }

  /** Whether this token lets its holder reach {@code sandbox} in {@code namespace}. */
  public boolean covers(String sandbox, String inNamespace) {
    return namespace.equals(inNamespace)
        && (ANY_SANDBOX.equals(sandboxId) || sandboxId.equals(sandbox));
  }

  private String claims() {
    return VERSION + "." + namespace + "." + sandboxId + "." + expiresAt;
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
