package io.agentic.platform.memory.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TenantLimitsTest {

  @Test
  void aFullTenantDoesNotTakeAnotherTenantsPlaces() {
    TenantLimits limits = new TenantLimits(2);
    assertTrue(limits.tryAcquire("acme"));
    assertTrue(limits.tryAcquire("acme"));
    assertFalse(limits.tryAcquire("acme"));
    assertTrue(limits.tryAcquire("globex"));
    assertEquals(2, limits.inFlight("acme"));
    assertEquals(1, limits.inFlight("globex"));
    limits.release("acme");
    assertTrue(limits.tryAcquire("acme"));
  }

  @Test
  void idleTenantsAreForgotten() {
    TenantLimits limits = new TenantLimits(2);
    limits.tryAcquire("acme");
    limits.tryAcquire("globex");
    limits.release("acme");
    limits.release("globex");
    assertEquals(0, limits.tenants());
    assertEquals(0, limits.inFlight("acme"));
  }
}
