package io.agentic.platform.router.auth;

import io.agentic.platform.router.routing.SandboxTarget;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Each caller holds a signed token naming the namespace and sandbox it may reach. */
final class ScopedTokenAuthentication implements CallerAuthentication {

  /** Shorter keys make HMAC-SHA256 guessable; 32 bytes matches the hash size. */
  static final int MIN_KEY_BYTES = 32;

  private final byte[] key;
  private final Clock clock;

  ScopedTokenAuthentication(String key, Clock clock) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
    if (this.key.length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          "router.auth.scoped-key (ROUTER_AUTH_SCOPED_KEY) must be at least "
              + MIN_KEY_BYTES
              + " bytes long");
    }
    this.clock = clock;
  }

  @Override
  public void authorize(MultiMap headers, SandboxTarget target) {
    ScopedToken.verify(PresentedToken.from(headers), key, clock.instant()).requireCovers(target);
  }

  @Override
  public boolean consumesAuthorizationHeader(MultiMap headers) {
    return PresentedToken.inAuthorizationHeader(headers);
  }
}
