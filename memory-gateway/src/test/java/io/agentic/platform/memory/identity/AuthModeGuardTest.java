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
    };
  }

  private static final Optional<String> JWKS = Optional.of("https://issuer/certs");

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
                Optional.empty()));
    assertDoesNotThrow(
        () ->
            AuthModeGuard.check(
                auth(MemoryConfig.AuthMode.JWT, false), LaunchMode.NORMAL, JWKS, Optional.empty()));
  }
}
