package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.signal.Signal;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The batch being filled, as the Collector's batch processor fills it: sealed when it holds {@code
 * send-batch-size} items or {@code max-bytes} bytes, or when its first item has waited {@code
 * timeout}; never past {@code send-batch-max-size} items. A sealed batch, merged by resource and
 * scope, joins the queue's ready batches. Called with the queue's monitor held, except for its own
 * timer.
 */
final class BatchProcessor<E extends Message> {

  private final Signal<?, E> signal;
  private final Vertx vertx;
  private final QueueState<E> queue;
  private final Consumer<List<Batch<E>>> send;

  private List<E> pending = new ArrayList<>();
  private int pendingItems;
  private long pendingBytes;
  private long pendingTimer = -1;

  /**
   * @param send starts exporting batches that got an export slot (called without the monitor)
   */
  BatchProcessor(
      Signal<?, E> signal, Vertx vertx, QueueState<E> queue, Consumer<List<Batch<E>>> send) {
    this.signal = signal;
    this.vertx = vertx;
    this.queue = queue;
    this.send = send;
  }

  void append(List<E> entries, int items, long bytes) {
    Pipeline.Limits limits = queue.limits;
    if (!pending.isEmpty()
        && (pendingItems + items > limits.batchCap()
            || pendingBytes + bytes > limits.batchBytes())) {
      seal();
    }
    if (pending.isEmpty()) {
      pendingTimer = vertx.setTimer(limits.batchTimeout().toMillis(), this::onTimeout);
    }
    pending.addAll(entries);
    queue.batching = true;
    pendingItems += items;
    pendingBytes += bytes;
    if (pendingItems >= limits.batchSize() || pendingBytes >= limits.batchBytes()) {
      seal();
    }
  }

  void seal() {
    if (pending.isEmpty()) {
      return;
    }
    vertx.cancelTimer(pendingTimer);
    queue.ready.add(new Batch<>(signal.merge(pending), pendingItems, pendingBytes));
    clear();
  }

  int items() {
    return pendingItems;
  }

  long bytes() {
    return pendingBytes;
  }

  /** Throws the batch being filled away (drop-oldest mode); the caller counts it. */
  void discard() {
    vertx.cancelTimer(pendingTimer);
    clear();
  }

  private void clear() {
    queue.batching = false;
    pending = new ArrayList<>();
    pendingItems = 0;
    pendingBytes = 0;
    pendingTimer = -1;
  }

  private void onTimeout(long timer) {
    List<Batch<E>> toSend;
    synchronized (queue) {
      if (timer != pendingTimer) {
        return;
      }
      seal();
      toSend = queue.takeSendable();
    }
    send.accept(toSend);
  }
}
