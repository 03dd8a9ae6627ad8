package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.BridgeConfig;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;

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

  ReceiveLimit(BridgeConfig config) {
    this.permits = new Semaphore(config.receiver().maxConcurrentRequests());
  }

  /** Takes a permit if one is free; the caller must {@link #release()} it exactly once. */
  boolean tryAcquire() {
    return permits.tryAcquire();
  }

  void release() {
    permits.release();
  }
}
