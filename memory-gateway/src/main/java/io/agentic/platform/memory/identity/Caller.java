package io.agentic.platform.memory.identity;

import io.agentic.platform.memory.scope.Tenant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a request acts for: always a tenant, and, when the token is bound to one end user (the
 * configured user claim), that user, whose memories are then the only ones it may touch.
 */
public record Caller(Tenant tenant, Optional<String> user) {

  public Caller {
    Objects.requireNonNull(tenant);
    Objects.requireNonNull(user);
  }

  public static Caller ofTenant(Tenant tenant) {
    return new Caller(tenant, Optional.empty());
  }
}
