package io.agentic.platform.memory.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the upstream calls in flight, so a slow EverMemOS cannot pile up unbounded work in the
 * gateway; calls over the cap are refused at once rather than queued.
 */
public final class Bulkhead {

  private final int maxConcurrent;
  private final AtomicInteger inFlight = new AtomicInteger();

  public Bulkhead(int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("the bulkhead must allow at least one call");
    }
    this.maxConcurrent = maxConcurrent;
  }

  public boolean tryAcquire() {
    while (true) {
      int current = inFlight.get();
      if (current >= maxConcurrent) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  public void release() {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }
}
