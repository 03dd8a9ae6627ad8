package io.agentic.platform.router.auth;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** One shared bearer token for every sandbox the router may reach. */
final class StaticTokenAuthentication implements CallerAuthentication {

  private final byte[] expectedDigest;

  StaticTokenAuthentication(String token) {
    if (token.isBlank()) {
      throw new IllegalStateException("router.auth.token (ROUTER_AUTH_TOKEN) is empty");
    }
    this.expectedDigest = sha256(token);
  }

  @Override
  public CallerGrant authenticate(MultiMap headers) {
    // Comparing digests keeps the comparison constant-time and independent of the token length.
    if (!MessageDigest.isEqual(expectedDigest, sha256(PresentedToken.from(headers)))) {
      throw new ProblemException(Problem.unauthenticated("the token is not valid"));
    }
    return CallerGrant.ANY_TARGET;
  }

  @Override
  public boolean consumesAuthorizationHeader(MultiMap headers) {
    return PresentedToken.inAuthorizationHeader(headers);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
