package io.agentic.platform.router.auth;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.SandboxTarget;
import io.agentic.platform.sandboxtoken.InvalidScopedTokenException;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.vertx.core.MultiMap;
import java.time.Clock;

/** Each caller holds a signed token naming the namespace and sandbox it may reach. */
final class ScopedTokenAuthentication implements CallerAuthentication {

  private final ScopedTokenKey key;
  private final Clock clock;

  ScopedTokenAuthentication(String key, Clock clock) {
    try {
      this.key = ScopedTokenKey.of(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "router.auth.scoped-key (ROUTER_AUTH_SCOPED_KEY) must be at least "
              + ScopedTokenKey.MIN_BYTES
              + " bytes long");
    }
    this.clock = clock;
  }

  @Override
  public void authorize(MultiMap headers, SandboxTarget target) {
    ScopedToken token;
    try {
      token = ScopedToken.verify(PresentedToken.from(headers), key, clock.instant());
    } catch (InvalidScopedTokenException e) {
      throw new ProblemException(Problem.unauthenticated(e.getMessage()));
    }
    if (!token.covers(target.id(), target.namespace())) {
      throw new ProblemException(
          Problem.forbidden(
              "the token is for sandbox '"
                  + token.sandboxId()
                  + "' in namespace '"
                  + token.namespace()
                  + "', not for '"
                  + target.id()
                  + "' in '"
                  + target.namespace()
                  + "'"));
    }
  }

  @Override
  public boolean consumesAuthorizationHeader(MultiMap headers) {
    return PresentedToken.inAuthorizationHeader(headers);
  }
}
