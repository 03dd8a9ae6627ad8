package io.agentic.platform.controller.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scoped router token of a Tenant with sandboxAccess: what the router accepts, and when. */
class TenantSandboxTokenTest {

  private static final ScopedTokenKey KEY =
      ScopedTokenKey.of("k1", "a-router-key-of-at-least-thirty-two-bytes");
  private static final ScopedTokenKey NEXT_KEY =
      ScopedTokenKey.of("k2", "the-next-router-key-also-thirty-two-bytes");
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  private final Tenant tenant = TenantDesiredStateTest.tenant();
  private final TenantSandboxToken tokens =
      TenantSandboxToken.of(Optional.of(KEY), Duration.ofHours(24));

  @Test
  void theTokenOpensEverySandboxOfItsNamespaceAndNoOtherNamespace() {
    Secret secret = tokens.desired(tenant, "acme-agents", null, T0).orElseThrow();
    assertEquals("sandbox-router-token", secret.getMetadata().getName());
    assertEquals("acme-agents", secret.getMetadata().getNamespace());
    assertEquals("acme", secret.getMetadata().getLabels().get("platform.agentic.io/tenant-name"));
    ScopedToken token =
        ScopedToken.verify(token(secret), List.of(KEY), ScopedToken.DEFAULT_MAX_LIFETIME, T0);
    assertTrue(token.covers("any-sandbox", "acme-agents"));
    assertFalse(token.covers("any-sandbox", "other-tenant"), "scoped to its namespace");
    assertEquals("2026-12-08T00:00:00Z", decode(secret.getData().get("expires-at")));
  }

  @Test
  void aGoodTokenIsKeptAndReplacedOnceATwoThirdsOfItsLifeHavePassed() {
    Secret secret = tokens.desired(tenant, "acme-agents", null, T0).orElseThrow();
    assertTrue(
        tokens.desired(tenant, "acme-agents", secret, T0.plus(Duration.ofHours(15))).isEmpty(),
        "9 h of 24 left: kept, so pods reading it see no churn");
    Secret renewed =
        tokens.desired(tenant, "acme-agents", secret, T0.plus(Duration.ofHours(17))).orElseThrow();
    assertEquals(
        "2026-12-08T17:00:00Z",
        decode(renewed.getData().get("expires-at")),
        "7 h left: replaced by a fresh one");
  }

  @Test
  void aTokenOfAnotherKeyAnotherNamespaceOrEditedByHandIsReplaced() {
    Secret secret = tokens.desired(tenant, "acme-agents", null, T0).orElseThrow();
    TenantSandboxToken rotated = TenantSandboxToken.of(Optional.of(NEXT_KEY), Duration.ofHours(24));
    Secret reissued = rotated.desired(tenant, "acme-agents", secret, T0).orElseThrow();
    assertTrue(token(reissued).startsWith("v2.k2."), "signed with the new key");

    assertTrue(
        tokens.desired(tenant, "acme-sandboxes", secret, T0).isPresent(),
        "a token copied from another namespace is replaced");

    secret.getData().put("token", encode(token(secret).replace("acme-agents", "acme-agentz")));
    assertTrue(tokens.desired(tenant, "acme-agents", secret, T0).isPresent());
  }

  @Test
  void withoutTheRoutersKeyTheTenantIsToldWhatIsMissing() {
    TenantSandboxToken none = TenantSandboxToken.of(Optional.empty(), Duration.ofHours(24));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> none.desired(tenant, "acme-agents", null, T0));
    assertTrue(e.getMessage().contains("CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY"), e.getMessage());
  }

  private static String token(Secret secret) {
    return decode(secret.getData().get("token"));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
