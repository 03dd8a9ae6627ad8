package io.agentic.platform.router.auth;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
      case SCOPED -> scoped(auth);
    };
  }

  private static CallerAuthentication scoped(RouterConfig.Auth auth) {
    if (auth.scopedMaxTtl().isNegative() || auth.scopedMaxTtl().isZero()) {
      throw new IllegalStateException(
          "router.auth.scoped-max-ttl (ROUTER_AUTH_SCOPED_MAX_TTL) must be positive");
    }
    List<ScopedTokenKey> keys = new ArrayList<>();
    keys.add(
        key(
            "router.auth.scoped-key",
            "ROUTER_AUTH_SCOPED_KEY",
            auth.scopedKeyId(),
            auth.scopedKey()
                .orElseThrow(() -> missing("router.auth.scoped-key", "ROUTER_AUTH_SCOPED_KEY"))));
    if (auth.scopedPreviousKey().isPresent()) {
      String id =
          auth.scopedPreviousKeyId()
              .orElseThrow(
                  () ->
                      missing(
                          "router.auth.scoped-previous-key-id",
                          "ROUTER_AUTH_SCOPED_PREVIOUS_KEY_ID"));
      if (id.equals(auth.scopedKeyId())) {
        throw new IllegalStateException(
            "router.auth.scoped-previous-key-id must differ from router.auth.scoped-key-id: tokens"
                + " name the key that signed them");
      }
      keys.add(
          key(
              "router.auth.scoped-previous-key",
              "ROUTER_AUTH_SCOPED_PREVIOUS_KEY",
              id,
              auth.scopedPreviousKey().get()));
    }
    return new ScopedTokenAuthentication(keys, auth.scopedMaxTtl(), Clock.systemUTC());
  }

  private static ScopedTokenKey key(String property, String env, String id, String text) {
    try {
      return ScopedTokenKey.of(id, text);
    } catch (IllegalArgumentException e) {
      // The library's message names the id or the length, never the key itself.
      throw new IllegalStateException(property + " (" + env + "): " + e.getMessage());
    }
  }

  private static IllegalStateException missing(String key, String env) {
    return new IllegalStateException(key + " (" + env + ") is required by the chosen auth mode");
  }
}
