package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.signal.Cut;
import io.agentic.platform.bridge.signal.Signal;
import java.util.List;

/**
 * Resource entries exported in one request. {@code bytes} is the share of the queue's byte budget
 * the batch holds: splitting a batch divides it exactly, so the queue gets back what it gave.
 */
final class Batch<E extends Message> {

  final List<E> entries;
  final int items;
  final long bytes;

  /** {@link System#nanoTime()} of the first export attempt, 0 before it. */
  long firstAttempt;

  int attempts;

  Batch(List<E> entries, int items, long bytes) {
    this.entries = entries;
    this.items = items;
    this.bytes = bytes;
  }

  /** Two batches with half the items each (the first gets the odd one). */
  List<Batch<E>> halves(Signal<?, E> signal) {
    int firstItems = (items + 1) / 2;
    Cut<E> cut = signal.take(entries, firstItems);
    long firstBytes = share(bytes, firstItems, items);
    return List.of(
        new Batch<>(cut.head(), firstItems, firstBytes),
        new Batch<>(cut.tail(), items - firstItems, bytes - firstBytes));
  }

  /** {@code part/whole} of {@code bytes}, rounded down (queue budgets are far below overflow). */
  static long share(long bytes, int part, int whole) {
    return whole == 0 ? bytes : bytes * part / whole;
  }
}
