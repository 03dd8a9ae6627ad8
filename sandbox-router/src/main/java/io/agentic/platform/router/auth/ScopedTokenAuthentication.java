package io.agentic.platform.router.auth;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.sandboxtoken.InvalidScopedTokenException;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Each caller holds a signed token naming the namespace and sandbox it may reach. Tokens signed
 * with the current key or, while keys rotate, the previous one are accepted, as long as they live
 * no longer than the maximum lifetime.
 */
final class ScopedTokenAuthentication implements CallerAuthentication {

  private final List<ScopedTokenKey> keys;
  private final Duration maxLifetime;
  private final Clock clock;

  ScopedTokenAuthentication(List<ScopedTokenKey> keys, Duration maxLifetime, Clock clock) {
    this.keys = List.copyOf(keys);
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  @Override
  public CallerGrant authenticate(MultiMap headers) {
    ScopedToken token;
    try {
      token = ScopedToken.verify(PresentedToken.from(headers), keys, maxLifetime, clock.instant());
    } catch (InvalidScopedTokenException e) {
      throw new ProblemException(Problem.unauthenticated(e.getMessage()));
    }
    return target -> {
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
    };
  }

  @Override
  public boolean consumesAuthorizationHeader(MultiMap headers) {
    return PresentedToken.inAuthorizationHeader(headers);
  }
}
