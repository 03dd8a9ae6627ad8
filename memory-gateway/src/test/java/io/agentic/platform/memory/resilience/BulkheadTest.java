package io.agentic.platform.memory.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BulkheadTest {

  @Test
  void refusesCallsOverTheCapAndAdmitsAgainAfterARelease() {
    Bulkhead bulkhead = new Bulkhead(2);
    assertTrue(bulkhead.tryAcquire());
    assertTrue(bulkhead.tryAcquire());
    assertFalse(bulkhead.tryAcquire());
    assertEquals(2, bulkhead.inFlight());
    bulkhead.release();
    assertTrue(bulkhead.tryAcquire());
  }
}
