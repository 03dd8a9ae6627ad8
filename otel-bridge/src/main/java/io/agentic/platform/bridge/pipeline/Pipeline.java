package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.export.ExportResult;
import io.agentic.platform.bridge.export.Exporter;
import io.agentic.platform.bridge.signal.Signal;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One signal's way from the receivers to the destination: a bounded queue, a batcher and an export
 * loop with retries.
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
 * <p>All state is guarded by the pipeline's monitor; exports are started outside it.
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

  private final Signal<R, E> signal;
  private final Exporter exporter;
  private final Vertx vertx;
  private final BridgeMetrics metrics;
  private final Limits limits;
  private final Backoff backoff;

  private long queuedItems;
  private long queuedBytes;
  private List<E> pending = new ArrayList<>();
  private int pendingItems;
  private long pendingBytes;
  private long pendingTimer = -1;
  private final Deque<Batch<E>> ready = new ArrayDeque<>();

  /** Batches waiting for a retry and their timers, oldest first (batches compare by identity). */
  private final Map<Batch<E>, Long> waitingForRetry = new LinkedHashMap<>();

  private int inFlight;
  private boolean closed;

  /** Set when a drain gave up: late answers no longer count, their items are counted as lost. */
  private boolean abandoned;

  /** {@link System#nanoTime()} of the first retryable failure since the last success, or 0. */
  private long failingSince;

  private CompletableFuture<Void> drained;

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
    this.backoff = backoff;
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
    synchronized (this) {
      if (closed) {
        metrics.rejected(signal, "shutting_down", items);
        return Offer.CLOSED;
      }
      if (!fits(items, bytes) && !(limits.dropOldest() && makeRoom(items, bytes))) {
        metrics.rejected(signal, "queue_full", items);
        return Offer.FULL;
      }
      queuedItems += items;
      queuedBytes += bytes;
      int itemsLeft = items;
      long bytesLeft = bytes;
      for (int i = 0; i < chunks.size(); i++) {
        boolean last = i == chunks.size() - 1;
        int n = last ? itemsLeft : signal.count(chunks.get(i));
        long b = last ? bytesLeft : Batch.share(bytes, n, items);
        append(chunks.get(i), n, b);
        itemsLeft -= n;
        bytesLeft -= b;
      }
      toSend = takeSendable();
    }
    metrics.received(signal, transport, items);
    toSend.forEach(this::attempt);
    return Offer.ACCEPTED;
  }

  /** Items held now. */
  public synchronized long items() {
    return queuedItems;
  }

  /** Bytes held now. */
  public synchronized long bytes() {
    return queuedBytes;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * How long the destination has been failing with retryable errors and no success in between; zero
   * while it is not. An empty queue ends it: nothing is waiting on the destination then.
   */
  public synchronized Duration failingFor() {
    return failingSince == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - failingSince);
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
    synchronized (this) {
      held = queuedItems;
      closed = true;
      seal();
      waitingForRetry.forEach((batch, timer) -> vertx.cancelTimer(timer));
      now.addAll(waitingForRetry.keySet());
      waitingForRetry.clear();
      now.addAll(takeSendable());
      drained = new CompletableFuture<>();
      done = drained;
      completeDrainIfIdle();
    }
    now.forEach(this::attempt);
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
    if (notSent > 0) {
      LOG.warnf(
          "Shutdown: %d of the %d %s held could not be exported to %s within %d ms; counted as"
              + " dropped (shutdown)",
          notSent, held, signal.itemName(), exporter.destination(), timeout.toMillis());
    } else {
      LOG.infof(
          "Shutdown: all %d %s held were exported to %s or dropped for a reason already counted",
          held, signal.itemName(), exporter.destination());
    }
    return new DrainReport(held, notSent);
  }

  /** Gives up on everything still held, in-flight exports included, and counts it. */
  private synchronized long abandon() {
    waitingForRetry.values().forEach(vertx::cancelTimer);
    ready.clear();
    waitingForRetry.clear();
    long lost = queuedItems;
    abandoned = true;
    queuedItems = 0;
    queuedBytes = 0;
    if (lost > 0) {
      metrics.dropped(signal, "shutdown", lost);
    }
    return lost;
  }

  // ---- admission (callers hold the monitor) ----

  private boolean fits(long items, long bytes) {
    return queuedItems + items <= limits.queueItems() && queuedBytes + bytes <= limits.queueBytes();
  }

  /**
   * Drop-oldest mode: drops the oldest batches that are not being exported (waiting for a retry,
   * then sealed, then the one being filled) until the request fits. Drops nothing when even all of
   * them would not make room, since the request is refused then anyway.
   */
  private boolean makeRoom(int items, long bytes) {
    long freeableItems = pendingItems;
    long freeableBytes = pendingBytes;
    for (Batch<E> batch : evictable()) {
      freeableItems += batch.items;
      freeableBytes += batch.bytes;
    }
    if (queuedItems - freeableItems + items > limits.queueItems()
        || queuedBytes - freeableBytes + bytes > limits.queueBytes()) {
      return false;
    }
    for (Batch<E> batch : evictable()) {
      if (fits(items, bytes)) {
        return true;
      }
      Long timer = waitingForRetry.remove(batch);
      if (timer != null) {
        vertx.cancelTimer(timer);
        inFlight--; // a batch waiting for a retry keeps its export slot
      } else {
        ready.remove(batch);
      }
      evict(batch.items, batch.bytes);
    }
    if (!fits(items, bytes)) {
      vertx.cancelTimer(pendingTimer);
      evict(pendingItems, pendingBytes);
      pending = new ArrayList<>();
      pendingItems = 0;
      pendingBytes = 0;
      pendingTimer = -1;
    }
    return true;
  }

  private List<Batch<E>> evictable() {
    List<Batch<E>> oldestFirst = new ArrayList<>(waitingForRetry.keySet());
    oldestFirst.addAll(ready);
    return oldestFirst;
  }

  private void evict(long items, long bytes) {
    queuedItems -= items;
    queuedBytes -= bytes;
    metrics.dropped(signal, "drop_oldest", items);
    LOG.warnf(
        "Queue for %s full: dropped the oldest %d %s to take new ones (bridge.queue.drop-oldest)",
        exporter.destination(), items, signal.itemName());
  }

  // ---- batching (callers hold the monitor) ----

  private void append(List<E> entries, int items, long bytes) {
    if (!pending.isEmpty()
        && (pendingItems + items > limits.batchCap()
            || pendingBytes + bytes > limits.batchBytes())) {
      seal();
    }
    if (pending.isEmpty()) {
      pendingTimer = vertx.setTimer(limits.batchTimeout().toMillis(), this::onBatchTimeout);
    }
    pending.addAll(entries);
    pendingItems += items;
    pendingBytes += bytes;
    if (pendingItems >= limits.batchSize() || pendingBytes >= limits.batchBytes()) {
      seal();
    }
  }

  private void seal() {
    if (pending.isEmpty()) {
      return;
    }
    vertx.cancelTimer(pendingTimer);
    ready.add(new Batch<>(signal.merge(pending), pendingItems, pendingBytes));
    pending = new ArrayList<>();
    pendingItems = 0;
    pendingBytes = 0;
    pendingTimer = -1;
  }

  private void onBatchTimeout(long timer) {
    List<Batch<E>> toSend;
    synchronized (this) {
      if (timer != pendingTimer) {
        return;
      }
      seal();
      toSend = takeSendable();
    }
    toSend.forEach(this::attempt);
  }

  /** Claims export slots for ready batches. */
  private List<Batch<E>> takeSendable() {
    List<Batch<E>> toSend = new ArrayList<>();
    while (inFlight < limits.concurrency() && !ready.isEmpty()) {
      inFlight++;
      toSend.add(ready.poll());
    }
    return toSend;
  }

  private void completeDrainIfIdle() {
    if (drained != null && inFlight == 0 && ready.isEmpty() && pending.isEmpty()) {
      drained.complete(null);
    }
  }

  // ---- exporting (called without the monitor) ----

  private void attempt(Batch<E> batch) {
    if (batch.firstAttempt == 0) {
      batch.firstAttempt = System.nanoTime();
    }
    batch.attempts++;
    long start = System.nanoTime();
    exporter
        .export(signal.request(batch.entries))
        .onComplete(
            done ->
                completed(
                    batch,
                    done.succeeded()
                        ? done.result()
                        : new ExportResult.Retryable(Optional.empty(), done.cause().toString()),
                    System.nanoTime() - start));
  }

  private void completed(Batch<E> batch, ExportResult result, long nanos) {
    long recoveredAfter = 0;
    boolean startedFailing = false;
    synchronized (this) {
      if (abandoned) {
        return; // already counted as lost by the drain
      }
      if (result instanceof ExportResult.Accepted && failingSince != 0) {
        recoveredAfter = System.nanoTime() - failingSince;
        failingSince = 0;
      } else if (result instanceof ExportResult.Retryable && failingSince == 0) {
        failingSince = System.nanoTime();
        startedFailing = true;
      }
    }
    // Readiness does not follow the destination (the queue and the refusals that follow from it
    // are the senders' signal); these lines and otel_bridge_destination_failing_seconds are the
    // operator's.
    if (startedFailing) {
      LOG.warnf(
          "Destination %s is failing (%s); holding %s in the queue, senders are refused with retry"
              + " information once it is full",
          exporter.destination(), ((ExportResult.Retryable) result).reason(), signal.itemName());
    } else if (recoveredAfter > 0) {
      LOG.infof(
          "Destination %s is accepting %s again after failing for %d s",
          exporter.destination(), signal.itemName(), Duration.ofNanos(recoveredAfter).toSeconds());
    }
    if (result instanceof ExportResult.Accepted accepted) {
      long rejected = Math.min(accepted.partial().rejected(), batch.items);
      metrics.exportRequest(signal, rejected > 0 ? "partial_success" : "success", nanos);
      if (rejected > 0) {
        metrics.dropped(signal, "partial_success", rejected);
        LOG.warnf(
            "%s rejected %d of %d %s: %s",
            exporter.destination(),
            rejected,
            batch.items,
            signal.itemName(),
            accepted.partial().errorMessage());
      }
      metrics.exported(signal, batch.items - rejected);
      finish(batch);
    } else if (result instanceof ExportResult.TooLarge tooLarge) {
      metrics.exportRequest(signal, "too_large", nanos);
      if (batch.items <= 1) {
        drop(batch, "too_large", tooLarge.reason());
      } else {
        LOG.debugf(
            "%s: %d %s too large, sending them in two halves",
            exporter.destination(), batch.items, signal.itemName());
        requeueHalves(batch);
      }
    } else if (result instanceof ExportResult.Failed failed) {
      metrics.exportRequest(signal, "failed", nanos);
      drop(batch, "non_retryable", failed.reason());
    } else if (result instanceof ExportResult.Retryable retryable) {
      metrics.exportRequest(signal, "retryable", nanos);
      retryLater(batch, retryable);
    }
  }

  private void retryLater(Batch<E> batch, ExportResult.Retryable retryable) {
    if (!limits.retry()) {
      drop(batch, "retries_exhausted", retryable.reason() + " (retries are off)");
      return;
    }
    Duration delay = retryable.retryAfter().orElseGet(() -> backoff.delay(batch.attempts - 1));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - batch.firstAttempt);
    if (elapsed.plus(delay).compareTo(limits.maxElapsed()) > 0) {
      drop(
          batch,
          "retries_exhausted",
          retryable.reason()
              + " ("
              + batch.attempts
              + " attempts in "
              + elapsed.toSeconds()
              + "s)");
      return;
    }
    if (batch.attempts == 1) {
      LOG.warnf(
          "Export of %d %s to %s failed, retrying in %d ms: %s",
          batch.items,
          signal.itemName(),
          exporter.destination(),
          delay.toMillis(),
          retryable.reason());
    } else {
      LOG.debugf("Retry %d in %d ms: %s", batch.attempts, delay.toMillis(), retryable.reason());
    }
    metrics.retried(signal, batch.items);
    synchronized (this) {
      long timer =
          vertx.setTimer(
              Math.max(1, delay.toMillis()),
              id -> {
                synchronized (this) {
                  if (waitingForRetry.remove(batch) == null) {
                    return; // drain took it over
                  }
                }
                attempt(batch);
              });
      waitingForRetry.put(batch, timer);
    }
  }

  private void requeueHalves(Batch<E> batch) {
    List<Batch<E>> halves = batch.halves(signal);
    List<Batch<E>> toSend;
    synchronized (this) {
      ready.addFirst(halves.get(1));
      ready.addFirst(halves.get(0));
      inFlight--;
      toSend = takeSendable();
    }
    toSend.forEach(this::attempt);
  }

  private void drop(Batch<E> batch, String reason, String detail) {
    metrics.dropped(signal, reason, batch.items);
    LOG.warnf(
        "Dropped %d %s bound for %s (%s): %s",
        batch.items, signal.itemName(), exporter.destination(), reason, detail);
    finish(batch);
  }

  /** Gives the batch's items, bytes and export slot back. */
  private void finish(Batch<E> batch) {
    List<Batch<E>> toSend;
    synchronized (this) {
      if (abandoned) {
        return;
      }
      queuedItems -= batch.items;
      queuedBytes -= batch.bytes;
      inFlight--;
      if (queuedItems == 0) {
        failingSince = 0;
      }
      toSend = takeSendable();
      completeDrainIfIdle();
    }
    toSend.forEach(this::attempt);
  }
}
