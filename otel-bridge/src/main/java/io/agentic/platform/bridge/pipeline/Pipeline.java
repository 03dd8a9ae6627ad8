package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.export.Exporter;
import io.agentic.platform.bridge.signal.Signal;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One signal's way from the receivers to the destination, in the Collector's stages: admission into
 * a bounded queue (here), a {@link BatchProcessor} and a {@link RetrySender}, sharing one {@link
 * QueueState}.
 *
 * <p>A request is admitted only if its items and bytes fit in what the queue may hold; otherwise
 * the sender is refused and told to back off, or, in drop-oldest mode, the oldest batches not being
 * exported make room. Admitted items join the pending batch, which is sealed when it holds {@code
 * send-batch-size} items or {@code max-bytes} bytes, or when its first item has waited {@code
 * timeout}; no batch holds more than {@code send-batch-max-size} items. Sealed batches are merged
 * by resource and scope and exported, at most {@code concurrency} at once; a batch keeps its place
 * in the queue (and its export slot) until the destination has taken it or it is dropped, so a slow
 * or failing destination fills the queue and pushes back on senders rather than growing memory.
 *
 * <p>All state is guarded by the queue state's monitor; exports are started outside it.
 */
public final class Pipeline<R extends Message, E extends Message> {

  private static final Logger LOG = Logger.getLogger(Pipeline.class);

  /** Sizes and timings, resolved from configuration. */
  public record Limits(
      int batchSize,
      int batchMaxSize,
      long batchBytes,
      Duration batchTimeout,
      int queueItems,
      long queueBytes,
      boolean dropOldest,
      int concurrency,
      boolean retry,
      Duration maxElapsed) {

    /** The cap on a batch's items, {@code send-batch-max-size} with 0 meaning none. */
    int batchCap() {
      return batchMaxSize > 0 ? batchMaxSize : Integer.MAX_VALUE;
    }
  }

  /** What a drain achieved: items held when it began, and those that could not be sent. */
  public record DrainReport(long held, long notSent) {}

  /** Says in the log what a drain at shutdown achieved. */
  void logShutdown(DrainReport report, Duration timeout) {
    if (report.notSent() > 0) {
      LOG.warnf(
          "Shutdown: %d of the %d %s held could not be exported to %s within %d ms; counted as"
              + " dropped (shutdown)",
          report.notSent(),
          report.held(),
          signal.itemName(),
          exporter.destination(),
          timeout.toMillis());
    } else {
      LOG.infof(
          "Shutdown: all %d %s held were exported to %s or dropped for a reason already counted",
          report.held(), signal.itemName(), exporter.destination());
    }
  }

  private final Signal<R, E> signal;
  private final Exporter exporter;
  private final Vertx vertx;
  private final BridgeMetrics metrics;
  private final Limits limits;
  private final QueueState<E> queue;
  private final BatchProcessor<E> batches;
  private final RetrySender<E> sender;

  public Pipeline(
      Signal<R, E> signal,
      Exporter exporter,
      Vertx vertx,
      BridgeMetrics metrics,
      Limits limits,
      Backoff backoff) {
    this.signal = signal;
    this.exporter = exporter;
    this.vertx = vertx;
    this.metrics = metrics;
    this.limits = limits;
    this.queue = new QueueState<>(limits);
    this.sender = new RetrySender<>(signal, exporter, vertx, metrics, backoff, queue);
    this.batches = new BatchProcessor<>(signal, vertx, queue, sender::send);
    metrics.queueGauge(
        signal,
        "items",
        "Items held: batching, waiting for export, in flight",
        this,
        p -> p.items());
    metrics.queueGauge(signal, "bytes", "Encoded bytes held", this, p -> p.bytes());
    metrics.queueGauge(
        signal, "capacity.items", "Items the queue may hold", this, p -> limits.queueItems());
    metrics.queueGauge(
        signal, "capacity.bytes", "Bytes the queue may hold", this, p -> limits.queueBytes());
    metrics.destinationFailingGauge(signal, this, p -> p.failingFor().toMillis() / 1000.0);
    metrics.exportAtZero(signal);
  }

  public Signal<R, E> signal() {
    return signal;
  }

  public Exporter exporter() {
    return exporter;
  }

  /** Takes a request into the queue, or says why not. */
  public Offer offer(R request, String transport) {
    List<E> entries = signal.entries(request);
    int items = signal.count(entries);
    if (items == 0) {
      return Offer.ACCEPTED; // nothing to carry
    }
    long bytes = request.getSerializedSize();
    if (items > limits.queueItems() || bytes > limits.queueBytes()) {
      metrics.rejected(signal, "too_large", items);
      return Offer.TOO_LARGE;
    }
    List<List<E>> chunks =
        items > limits.batchCap() ? signal.chunks(entries, limits.batchCap()) : List.of(entries);
    List<Batch<E>> toSend;
    synchronized (queue) {
      if (queue.closed) {
        metrics.rejected(signal, "shutting_down", items);
        return Offer.CLOSED;
      }
      if (!queue.fits(items, bytes) && !(limits.dropOldest() && makeRoom(items, bytes))) {
        metrics.rejected(signal, "queue_full", items);
        return Offer.FULL;
      }
      queue.queuedItems += items;
      queue.queuedBytes += bytes;
      int itemsLeft = items;
      long bytesLeft = bytes;
      for (int i = 0; i < chunks.size(); i++) {
        boolean last = i == chunks.size() - 1;
        int n = last ? itemsLeft : signal.count(chunks.get(i));
        long b = last ? bytesLeft : Batch.share(bytes, n, items);
        batches.append(chunks.get(i), n, b);
        itemsLeft -= n;
        bytesLeft -= b;
      }
      toSend = queue.takeSendable();
    }
    metrics.received(signal, transport, items);
    sender.send(toSend);
    return Offer.ACCEPTED;
  }

  /** Items held now. */
  public long items() {
    synchronized (queue) {
      return queue.queuedItems;
    }
  }

  /** Bytes held now. */
  public long bytes() {
    synchronized (queue) {
      return queue.queuedBytes;
    }
  }

  public Limits limits() {
    return limits;
  }

  /**
   * How long the destination has been failing with retryable errors and no success in between; zero
   * while it is not. An empty queue ends it: nothing is waiting on the destination then.
   */
  public Duration failingFor() {
    synchronized (queue) {
      return queue.failingSince == 0
          ? Duration.ZERO
          : Duration.ofNanos(System.nanoTime() - queue.failingSince);
    }
  }

  /**
   * Stops taking requests, exports what is held (batches waiting for a retry get one at once) and
   * waits until everything is exported or dropped, or until {@code timeout}; what is still held
   * then (in flight included) is dropped, counted and reported.
   */
  public DrainReport drain(Duration timeout) {
    List<Batch<E>> now = new ArrayList<>();
    CompletableFuture<Void> done;
    long held;
    synchronized (queue) {
      held = queue.queuedItems;
      queue.closed = true;
      batches.seal();
      queue.waitingForRetry.forEach((batch, timer) -> vertx.cancelTimer(timer));
      now.addAll(queue.waitingForRetry.keySet());
      queue.waitingForRetry.clear();
      now.addAll(queue.takeSendable());
      queue.drained = new CompletableFuture<>();
      done = queue.drained;
      queue.completeDrainIfIdle();
    }
    now.forEach(sender::attempt);
    long notSent = 0;
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      notSent = abandon();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notSent = abandon();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return new DrainReport(held, notSent);
  }

  /** Gives up on everything still held, in-flight exports included, and counts it. */
  private long abandon() {
    synchronized (queue) {
      queue.waitingForRetry.values().forEach(vertx::cancelTimer);
      queue.ready.clear();
      queue.waitingForRetry.clear();
      long lost = queue.queuedItems;
      queue.abandoned = true;
      queue.queuedItems = 0;
      queue.queuedBytes = 0;
      if (lost > 0) {
        metrics.dropped(signal, "shutdown", lost);
      }
      return lost;
    }
  }

  // ---- admission in drop-oldest mode (callers hold the queue's monitor) ----

  /**
   * Drops the oldest batches that are not being exported (waiting for a retry, then sealed, then
   * the one being filled) until the request fits. Drops nothing when even all of them would not
   * make room, since the request is refused then anyway.
   */
  private boolean makeRoom(int items, long bytes) {
    long freeableItems = batches.items();
    long freeableBytes = batches.bytes();
    for (Batch<E> batch : evictable()) {
      freeableItems += batch.items;
      freeableBytes += batch.bytes;
    }
    if (queue.queuedItems - freeableItems + items > limits.queueItems()
        || queue.queuedBytes - freeableBytes + bytes > limits.queueBytes()) {
      return false;
    }
    for (Batch<E> batch : evictable()) {
      if (queue.fits(items, bytes)) {
        return true;
      }
      Long timer = queue.waitingForRetry.remove(batch);
      if (timer != null) {
        vertx.cancelTimer(timer);
        queue.inFlight--; // a batch waiting for a retry keeps its export slot
      } else {
        queue.ready.remove(batch);
      }
      evict(batch.items, batch.bytes);
    }
    if (!queue.fits(items, bytes)) {
      evict(batches.items(), batches.bytes());
      batches.discard();
    }
    return true;
  }

  private List<Batch<E>> evictable() {
    List<Batch<E>> oldestFirst = new ArrayList<>(queue.waitingForRetry.keySet());
    oldestFirst.addAll(queue.ready);
    return oldestFirst;
  }

  private void evict(long items, long bytes) {
    queue.queuedItems -= items;
    queue.queuedBytes -= bytes;
    metrics.dropped(signal, "drop_oldest", items);
    LOG.warnf(
        "Queue for %s full: dropped the oldest %d %s to take new ones (bridge.queue.drop-oldest)",
        exporter.destination(), items, signal.itemName());
  }
}
