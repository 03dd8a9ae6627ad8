package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.BridgeConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the export requests being read and parsed at once, over HTTP and gRPC together. A request
 * in progress holds its body and then its parsed form, a few times its size in heap, before the
 * queue can measure it; without this bound, enough concurrent senders would exhaust the heap
 * whatever the queue's limits. Beyond it senders are refused with retry information, never made to
 * wait: a waiting request would hold its connection's buffers all the same.
 */
@Singleton
class ReceiveLimit {

  private final Semaphore permits;
  private final int max;

  @Inject
  ReceiveLimit(BridgeConfig config) {
    this(config.receiver().maxConcurrentRequests());
  }

  ReceiveLimit(int max) {
    this.max = max;
    this.permits = new Semaphore(max);
  }

  /** Takes a permit if one is free; the caller must {@link #release()} it exactly once. */
  boolean tryAcquire() {
    return permits.tryAcquire();
  }

  void release() {
    permits.release();
  }

  /**
   * Takes every permit, waiting up to {@code timeout} for the requests being read to finish: from
   * then on every request is refused with retry information. Returns whether all finished.
   */
  boolean closeAndAwait(Duration timeout) throws InterruptedException {
    return permits.tryAcquire(max, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
