package io.agentic.platform.memory.resilience;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the requests each tenant has in flight, so one tenant's slow calls cannot take every place
 * the shared bulkhead and connection pool have. A tenant is tracked only while it has calls in
 * flight, so the map stays as small as the set of tenants being served.
 */
public final class TenantLimits {

  private final int maxPerTenant;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  public TenantLimits(int maxPerTenant) {
    if (maxPerTenant < 1) {
      throw new IllegalArgumentException("each tenant must be allowed at least one call");
    }
    this.maxPerTenant = maxPerTenant;
  }

  /** Takes a place for the tenant, or answers false when it has all its places in use. */
  public boolean tryAcquire(String tenant) {
    boolean[] acquired = new boolean[1];
    inFlight.compute(
        tenant,
        (key, current) -> {
          int count = current == null ? 0 : current;
          if (count >= maxPerTenant) {
            return current;
          }
          acquired[0] = true;
          return count + 1;
        });
    return acquired[0];
  }

  public void release(String tenant) {
    inFlight.computeIfPresent(tenant, (key, current) -> current <= 1 ? null : current - 1);
  }

  public int inFlight(String tenant) {
    return inFlight.getOrDefault(tenant, 0);
  }

  /** Tenants with calls in flight. */
  public int tenants() {
    return inFlight.size();
  }
}
