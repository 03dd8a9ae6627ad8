package io.agentic.platform.memory.identity;

import io.agentic.platform.memory.MemoryConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses to start with an identity setup that would let callers pick their tenant, or that could
 * verify no token at all: the development header mode is rejected in the prod profile unless
 * explicitly forced, and JWT mode needs a key or JWKS location.
 */
class AuthModeGuard {

  private static final Logger LOG = Logger.getLogger(AuthModeGuard.class);

  void onStart(@Observes StartupEvent event, MemoryConfig config) {
    check(
        config.auth(),
        LaunchMode.current(),
        ConfigProvider.getConfig()
            .getOptionalValue("mp.jwt.verify.publickey.location", String.class),
        ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.publickey", String.class));
  }

  static void check(
      MemoryConfig.Auth auth,
      LaunchMode launchMode,
      Optional<String> keyLocation,
      Optional<String> inlineKey) {
    if (auth.mode() == MemoryConfig.AuthMode.DEV_HEADER) {
      if (launchMode == LaunchMode.NORMAL && !auth.allowDevModeInProd()) {
        throw new IllegalStateException(
            "memory.auth.mode=dev-header trusts the X-Tenant-ID header of any caller and is refused"
                + " in the prod profile; use memory.auth.mode=jwt, or set"
                + " memory.auth.allow-dev-mode-in-prod=true if you really mean it");
      }
      LOG.warn(
          "memory.auth.mode=dev-header: tenants are taken from the X-Tenant-ID header without any"
              + " verification");
      return;
    }
    if (keyLocation.isEmpty() && inlineKey.isEmpty()) {
      throw new IllegalStateException(
          "memory.auth.mode=jwt needs the issuer's JWKS: set mp.jwt.verify.publickey.location"
              + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION), e.g."
              + " https://keycloak.example/realms/agents/protocol/openid-connect/certs");
    }
  }
}
