package io.agentic.platform.memory.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.memory.MemoryConfig;
import io.quarkus.runtime.LaunchMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthModeGuardTest {

  private static MemoryConfig.Auth auth(MemoryConfig.AuthMode mode, boolean force) {
    return auth(mode, force, false);
  }

  private static MemoryConfig.Auth auth(
      MemoryConfig.AuthMode mode, boolean force, boolean allowHttpJwks) {
    return new MemoryConfig.Auth() {
      @Override
      public MemoryConfig.AuthMode mode() {
        return mode;
      }

      @Override
      public String tenantClaim() {
        return "tenant";
      }

      @Override
      public java.time.Duration verifiedTokenCache() {
        return java.time.Duration.ofSeconds(60);
      }

      @Override
      public boolean allowDevModeInProd() {
        return force;
      }

      @Override
      public boolean allowHttpJwks() {
        return allowHttpJwks;
      }

      @Override
      public Optional<String> userClaim() {
        return Optional.empty();
      }
    };
  }

  private static final Optional<String> JWKS = Optional.of("https://issuer/certs");
  private static final Optional<String> HTTP_JWKS =
      Optional.of("http://keycloak.keycloak.svc.cluster.local:8080/realms/agents/certs");
  private static final Optional<String> ISSUER = Optional.of("https://issuer/realms/agents");

  @Test
  void devHeaderModeIsRefusedInProd() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                AuthModeGuard.check(
                    auth(MemoryConfig.AuthMode.DEV_HEADER, false),
                    LaunchMode.NORMAL,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    assertTrue(e.getMessage().contains("allow-dev-mode-in-prod"));
  }

  @Test
  void devHeaderModeStartsInProdOnlyWhenForced() {
    assertDoesNotThrow(
        () ->
            AuthModeGuard.check(
                auth(MemoryConfig.AuthMode.DEV_HEADER, true),
                LaunchMode.NORMAL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void devHeaderModeStartsInDevelopment() {
    assertDoesNotThrow(
        () ->
            AuthModeGuard.check(
                auth(MemoryConfig.AuthMode.DEV_HEADER, false),
                LaunchMode.DEVELOPMENT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void jwtModeNeedsAKeySource() {
    assertThrows(
        IllegalStateException.class,
        () ->
            AuthModeGuard.check(
                auth(MemoryConfig.AuthMode.JWT, false),
                LaunchMode.NORMAL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertDoesNotThrow(
        () ->
            AuthModeGuard.check(
                auth(MemoryConfig.AuthMode.JWT, false),
                LaunchMode.NORMAL,
                JWKS,
                Optional.empty(),
                ISSUER));
  }

  @Test
  void prodRefusesJwtModeWithoutAnIssuer() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                AuthModeGuard.check(
                    auth(MemoryConfig.AuthMode.JWT, false),
                    LaunchMode.NORMAL,
                    JWKS,
                    Optional.empty(),
                    Optional.empty()));
    assertTrue(e.getMessage().contains("mp.jwt.verify.issuer"), e.getMessage());
    assertTrue(e.getMessage().contains("MP_JWT_VERIFY_ISSUER"), e.getMessage());
  }

  @Test
  void prodRefusesAPlainHttpJwksUnlessAllowed() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                AuthModeGuard.check(
                    auth(MemoryConfig.AuthMode.JWT, false),
                    LaunchMode.NORMAL,
                    HTTP_JWKS,
                    Optional.empty(),
                    ISSUER));
    assertTrue(e.getMessage().contains("memory.auth.allow-http-jwks"), e.getMessage());
    assertDoesNotThrow(
        () ->
            AuthModeGuard.check(
                auth(MemoryConfig.AuthMode.JWT, false, true),
                LaunchMode.NORMAL,
                HTTP_JWKS,
                Optional.empty(),
                ISSUER));
  }

  @Test
  void oneMessageNamesEverySettingToFix() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                AuthModeGuard.check(
                    auth(MemoryConfig.AuthMode.JWT, false),
                    LaunchMode.NORMAL,
                    HTTP_JWKS,
                    Optional.empty(),
                    Optional.of(" ")));
    assertTrue(e.getMessage().contains("mp.jwt.verify.issuer"), e.getMessage());
    assertTrue(e.getMessage().contains("memory.auth.allow-http-jwks"), e.getMessage());
  }

  @Test
  void developmentStartsWithoutAnIssuerAndWithAPlainHttpJwks() {
    for (LaunchMode mode : new LaunchMode[] {LaunchMode.DEVELOPMENT, LaunchMode.TEST}) {
      assertDoesNotThrow(
          () ->
              AuthModeGuard.check(
                  auth(MemoryConfig.AuthMode.JWT, false),
                  mode,
                  HTTP_JWKS,
                  Optional.empty(),
                  Optional.empty()));
    }
  }
}
