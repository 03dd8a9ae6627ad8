package io.agentic.platform.controller.tenant;

import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.sandboxtoken.InvalidScopedTokenException;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Secret {@code sandbox-router-token} in each namespace of a Tenant with sandboxAccess: a
 * scoped sandbox-router token for every sandbox of that namespace ({@code *}), and when it expires.
 * It is replaced once less than a third of its lifetime is left (the Tenant is reconciled at least
 * every 5 minutes), when the router's key or key id changes, or when it was edited.
 */
final class TenantSandboxToken {

  static final String NAME = "sandbox-router-token";
  static final String TOKEN_KEY = "token";
  static final String EXPIRES_AT_KEY = "expires-at";

  private final Optional<ScopedTokenKey> key;
  private final Duration ttl;

  private TenantSandboxToken(Optional<ScopedTokenKey> key, Duration ttl) {
    this.key = key;
    this.ttl = ttl;
  }

  /** Fails at start, naming the setting, on a key or lifetime the router would not accept. */
  static TenantSandboxToken from(ControllerConfig.Tenants config) {
    Duration ttl = config.sandboxTokenTtl();
    if (ttl.compareTo(ScopedToken.DEFAULT_MAX_LIFETIME) > 0 || ttl.getSeconds() < 60) {
      throw new IllegalArgumentException(
          "CONTROLLER_TENANTS_SANDBOX_TOKEN_TTL must be between 1m and 24h (the router refuses"
              + " longer-lived tokens)");
    }
    Optional<ScopedTokenKey> key;
    try {
      key =
          config
              .sandboxTokenKey()
              .filter(k -> !k.isBlank())
              .map(k -> ScopedTokenKey.of(config.sandboxTokenKeyId(), k.strip()));
    } catch (IllegalArgumentException e) {
      // The message names the id or the length, never the key.
      throw new IllegalArgumentException("CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY: " + e.getMessage());
    }
    return new TenantSandboxToken(key, ttl);
  }

  static TenantSandboxToken of(Optional<ScopedTokenKey> key, Duration ttl) {
    return new TenantSandboxToken(key, ttl);
  }

  boolean canMint() {
    return key.isPresent();
  }

  /**
   * The Secret to write, or empty when {@code existing} holds a token that is still good.
   *
   * @throws IllegalStateException when no key is configured
   */
  Optional<Secret> desired(Tenant tenant, String namespace, Secret existing, Instant now) {
    ScopedTokenKey signing =
        key.orElseThrow(
            () ->
                new IllegalStateException(
                    "sandboxAccess needs the sandbox-router's scoped-token key, and the controller"
                        + " has none (CONTROLLER_TENANTS_SANDBOX_TOKEN_KEY; the chart sets it when"
                        + " the router runs in scoped mode)"));
    if (stillGood(existing, namespace, signing, now)) {
      return Optional.empty();
    }
    ScopedToken token =
        ScopedToken.issue(
            namespace, ScopedToken.ANY_SANDBOX, ttl, ScopedToken.DEFAULT_MAX_LIFETIME, now);
    return Optional.of(
        new SecretBuilder()
            .withMetadata(TenantLabels.child(tenant, namespace, NAME))
            .withType("Opaque")
            .addToData(TOKEN_KEY, base64(token.mint(signing)))
            .addToData(EXPIRES_AT_KEY, base64(Instant.ofEpochSecond(token.expiresAt()).toString()))
            .build());
  }

  private boolean stillGood(
      Secret existing, String namespace, ScopedTokenKey signing, Instant now) {
    if (existing == null
        || existing.getData() == null
        || existing.getData().get(TOKEN_KEY) == null) {
      return false;
    }
    try {
      String text =
          new String(
              Base64.getDecoder().decode(existing.getData().get(TOKEN_KEY)),
              StandardCharsets.UTF_8);
      ScopedToken token =
          ScopedToken.verify(text, List.of(signing), ScopedToken.DEFAULT_MAX_LIFETIME, now);
      return token.namespace().equals(namespace)
          && ScopedToken.ANY_SANDBOX.equals(token.sandboxId())
          && token.expiresAt() - now.getEpochSecond() > ttl.getSeconds() / 3;
    } catch (InvalidScopedTokenException | IllegalArgumentException e) {
      // Expired, signed with another key, edited by hand: replaced.
      return false;
    }
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
