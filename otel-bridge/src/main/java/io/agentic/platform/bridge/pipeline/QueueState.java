package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What one signal's pipeline holds, shared by its stages (admission in {@link Pipeline}, the {@link
 * BatchProcessor}, the {@link RetrySender}) and guarded by this object's monitor: the items and
 * bytes held, the sealed batches waiting for an export slot, the batches waiting for a retry, the
 * slots in use, and the state of a drain. The stages touch it only while holding the monitor.
 */
final class QueueState<E extends Message> {

  final Pipeline.Limits limits;

  long queuedItems;
  long queuedBytes;
  final Deque<Batch<E>> ready = new ArrayDeque<>();

  /** Batches waiting for a retry and their timers, oldest first (batches compare by identity). */
  final Map<Batch<E>, Long> waitingForRetry = new LinkedHashMap<>();

  int inFlight;

  /** Whether the batch processor is filling a batch (its items are held, not yet ready). */
  boolean batching;

  boolean closed;

  /** Set when a drain gave up: late answers no longer count, their items are counted as lost. */
  boolean abandoned;

  /** {@link System#nanoTime()} of the first retryable failure since the last success, or 0. */
  long failingSince;

  CompletableFuture<Void> drained;

  QueueState(Pipeline.Limits limits) {
    this.limits = limits;
  }

  boolean fits(long items, long bytes) {
    return queuedItems + items <= limits.queueItems() && queuedBytes + bytes <= limits.queueBytes();
  }

  /** Claims export slots for ready batches. */
  List<Batch<E>> takeSendable() {
    List<Batch<E>> toSend = new ArrayList<>();
    while (inFlight < limits.concurrency() && !ready.isEmpty()) {
      inFlight++;
      toSend.add(ready.poll());
    }
    return toSend;
  }

  /** Completes a drain once nothing is held any more. */
  void completeDrainIfIdle() {
    if (drained != null && inFlight == 0 && ready.isEmpty() && !batching) {
      drained.complete(null);
    }
  }
}
