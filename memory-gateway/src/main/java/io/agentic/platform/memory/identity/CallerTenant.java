package io.agentic.platform.memory.identity;

import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.api.RequestValidator;
import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.scope.Tenant;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Finds the tenant a request acts for: the configured claim of a bearer token verified against the
 * issuer's JWKS, or, in development mode only, the X-Tenant-ID header. No tenant means 401. With a
 * user claim configured, a token carrying it is also bound to that end user.
 */
@ApplicationScoped
public class CallerTenant {

  public static final String DEV_HEADER = "X-Tenant-ID";

  private static final String BEARER = "Bearer ";

  private final MemoryConfig.Auth auth;
  private final Instance<CurrentIdentityAssociation> identities;
  private final VerifiedTokens verified;

  CallerTenant(MemoryConfig config, Instance<CurrentIdentityAssociation> identities) {
    this.auth = config.auth();
    this.identities = identities;
    this.verified = new VerifiedTokens(auth.verifiedTokenCache(), Clock.systemUTC());
  }

  /**
   * The caller of this request, from its Authorization header (JWT mode) or its X-Tenant-ID header
   * (development mode); fails with a 401 problem.
   */
  public Uni<Caller> resolve(String authorization, String devHeaderValue) {
    if (auth.mode() == MemoryConfig.AuthMode.DEV_HEADER) {
      return Uni.createFrom().item(() -> Caller.ofTenant(fromDevHeader(devHeaderValue)));
    }
    String token =
        authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? authorization.substring(BEARER.length()).trim()
            : null;
    if (token != null) {
      Optional<Caller> known = verified.lookup(token);
      if (known.isPresent()) {
        return Uni.createFrom().item(known.get());
      }
    }
    return identities
        .get()
        .getDeferredIdentity()
        .onFailure(AuthenticationFailedException.class)
        .transform(f -> unauthenticated("the bearer token is not valid"))
        .map(
            identity -> {
              Caller caller = fromToken(identity);
              // Remember the token the mechanism verified, not this method's reading of the
              // header: should the two ever differ, the next call is merely verified again.
              if (identity.getPrincipal() instanceof JsonWebToken jwt
                  && jwt.getRawToken() != null) {
                verified.remember(
                    jwt.getRawToken(), caller, Instant.ofEpochSecond(jwt.getExpirationTime()));
              }
              return caller;
            });
  }

  private Tenant fromDevHeader(String value) {
    if (value == null || value.isBlank()) {
      throw unauthenticated("the " + DEV_HEADER + " header is required");
    }
    if (!Tenant.isValid(value)) {
      throw unauthenticated("the " + DEV_HEADER + " header is not a valid tenant id");
    }
    return new Tenant(value);
  }

  private Caller fromToken(SecurityIdentity identity) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      throw unauthenticated("a bearer token is required");
    }
    Object claim = token.getClaim(auth.tenantClaim());
    String tenant = claim == null ? null : claimText(claim);
    if (tenant == null || tenant.isBlank()) {
      throw unauthenticated("the token carries no " + auth.tenantClaim() + " claim");
    }
    if (!Tenant.isValid(tenant)) {
      throw unauthenticated(
          "the token's " + auth.tenantClaim() + " claim is not a valid tenant id");
    }
    return new Caller(new Tenant(tenant), user(token));
  }

  private Optional<String> user(JsonWebToken token) {
    if (auth.userClaim().isEmpty()) {
      return Optional.empty();
    }
    String name = auth.userClaim().get();
    Object claim = token.getClaim(name);
    if (claim == null) {
      return Optional.empty();
    }
    String user = claimText(claim);
    // A bound token whose user cannot be read must not fall back to acting for the whole tenant.
    if (user == null || !RequestValidator.isValidId(user)) {
      throw unauthenticated("the token's " + name + " claim is not a valid user id");
    }
    return Optional.of(user);
  }

  private static String claimText(Object claim) {
    // smallrye-jwt hands string claims back as JSON values in some paths; unwrap those.
    if (claim instanceof jakarta.json.JsonString s) {
      return s.getString();
    }
    return claim instanceof String s ? s : null;
  }

  private static RuntimeException unauthenticated(String detail) {
    return Problem.unauthenticated(detail).asException();
  }
}
