package io.agentic.platform.router.auth;

import io.agentic.platform.router.RouterConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the authentication the configuration asks for, and refuses to guess when it asks none. */
class AuthenticationProducer {

  @Produces
  @Singleton
  CallerAuthentication authentication(RouterConfig config) {
    RouterConfig.Auth auth = config.auth();
    RouterConfig.AuthMode mode =
        auth.mode()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "router.auth.mode (ROUTER_AUTH_MODE) is not set: choose token, scoped, or"
                            + " none to let every caller through"));
    return switch (mode) {
      case NONE -> new NoAuthentication();
      case TOKEN ->
          new StaticTokenAuthentication(
              auth.token().orElseThrow(() -> missing("router.auth.token", "ROUTER_AUTH_TOKEN")));
      case SCOPED ->
          new ScopedTokenAuthentication(
              auth.scopedKey()
                  .orElseThrow(() -> missing("router.auth.scoped-key", "ROUTER_AUTH_SCOPED_KEY")),
              Clock.systemUTC());
    };
  }

  private static IllegalStateException missing(String key, String env) {
    return new IllegalStateException(key + " (" + env + ") is required by the chosen auth mode");
  }
}
