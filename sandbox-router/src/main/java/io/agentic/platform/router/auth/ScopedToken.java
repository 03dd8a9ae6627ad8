package io.agentic.platform.router.auth;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.SandboxTarget;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token that lets its holder reach one sandbox, or every sandbox of one namespace, until it
 * expires:
 *
 * <pre>v1.{namespace}.{sandbox-id or *}.{expiry, Unix seconds}.{signature}</pre>
 *
 * where the signature is the unpadded base64url HMAC-SHA256, under the router's key, of everything
 * before the last dot. Namespaces and sandbox ids are DNS labels, so they never contain a dot.
 */
public record ScopedToken(String namespace, String sandboxId, long expiresAt) {

  private static final String VERSION = "v1";
  public static final String ANY_SANDBOX = "*";

  public String mint(byte[] key) {
    String claims = claims();
    return claims + "." + sign(key, claims);
  }

  /** Verifies a presented token's signature and expiry; 401 when either is wrong. */
  public static ScopedToken verify(String token, byte[] key, Instant now) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0]) || !parts[3].matches("[0-9]{1,19}")) {
      throw new ProblemException(Problem.unauthenticated("the token is not a v1 scoped token"));
    }
    ScopedToken claimed = new ScopedToken(parts[1], parts[2], Long.parseLong(parts[3]));
    byte[] expected = sign(key, claimed.claims()).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
      throw new ProblemException(Problem.unauthenticated("the token's signature is not valid"));
    }
    if (now.getEpochSecond() >= claimed.expiresAt) {
      throw new ProblemException(Problem.unauthenticated("the token has expired"));
    }
    return claimed;
  }

  /** 403 unless this token covers the target. */
  public void requireCovers(SandboxTarget target) {
    if (!namespace.equals(target.namespace())
        || !(ANY_SANDBOX.equals(sandboxId) || sandboxId.equals(target.id()))) {
      throw new ProblemException(
          Problem.forbidden(
              "the token is for sandbox '"
                  + sandboxId
                  + "' in namespace '"
                  + namespace
                  + "', not for '"
                  + target.id()
                  + "' in '"
                  + target.namespace()
                  + "'"));
    }
  }

  private String claims() {
    return VERSION + "." + namespace + "." + sandboxId + "." + expiresAt;
  }

  private static String sign(byte[] key, String claims) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
