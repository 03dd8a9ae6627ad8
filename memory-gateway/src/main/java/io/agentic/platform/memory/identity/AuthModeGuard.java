package io.agentic.platform.memory.identity;

import io.agentic.platform.memory.MemoryConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses to start with an identity setup that would let callers pick their tenant, or that could
 * verify no token at all: the development header mode is rejected in the prod profile unless
 * explicitly forced, and JWT mode needs a key or JWKS location. In the prod profile JWT mode also
 * needs the expected issuer (without it a token from any issuer sharing the keys would pass) and a
 * JWKS fetched over https unless plain http is explicitly allowed. Every missing setting is named
 * in one message, so a deployment is fixed in one go.
 */
class AuthModeGuard {

  private static final Logger LOG = Logger.getLogger(AuthModeGuard.class);

  void onStart(@Observes StartupEvent event, MemoryConfig config) {
    var settings = ConfigProvider.getConfig();
    check(
        config.auth(),
        LaunchMode.current(),
        settings.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
        settings.getOptionalValue("mp.jwt.verify.publickey", String.class),
        settings.getOptionalValue("mp.jwt.verify.issuer", String.class));
  }

  static void check(
      MemoryConfig.Auth auth,
      LaunchMode launchMode,
      Optional<String> keyLocation,
      Optional<String> inlineKey,
      Optional<String> issuer) {
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
    List<String> missing = new ArrayList<>();
    if (keyLocation.isEmpty() && inlineKey.isEmpty()) {
      missing.add(
          "set mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION) to the"
              + " issuer's JWKS URL, e.g."
              + " https://keycloak.example/realms/agents/protocol/openid-connect/certs");
    }
    if (launchMode == LaunchMode.NORMAL) {
      if (issuer.isEmpty() || issuer.get().isBlank()) {
        missing.add(
            "set mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) to the expected iss claim, e.g."
                + " https://keycloak.example/realms/agents");
      }
      if (keyLocation.isPresent()
          && keyLocation.get().regionMatches(true, 0, "http:", 0, 5)
          && !auth.allowHttpJwks()) {
        missing.add(
            "mp.jwt.verify.publickey.location is plain http: use https, or set"
                + " memory.auth.allow-http-jwks=true (MEMORY_AUTH_ALLOW_HTTP_JWKS) for an issuer"
                + " reached inside the cluster");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "memory.auth.mode=jwt cannot verify tokens safely: " + String.join("; ", missing));
    }
  }
}
