package io.agentic.platform.bridge.pipeline;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.export.ExportResult;
import io.agentic.platform.bridge.export.Exporter;
import io.agentic.platform.bridge.signal.Signal;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Exports batches that hold an export slot and deals with the answers, as the Collector's
 * exporterhelper retry sender does: a batch the destination took, refused for good or that ran out
 * of retries gives its items, bytes and slot back; a retryable failure waits (the destination's
 * Retry-After, else the backoff) while keeping its slot, until {@code max-elapsed-time}; a batch
 * too large is sent again in halves. It also tells when the destination starts and stops failing.
 * Exports start without the queue's monitor; the answers update the queue under it.
 */
final class RetrySender<E extends Message> {

  private static final Logger LOG = Logger.getLogger(RetrySender.class);

  private final Signal<?, E> signal;
  private final Exporter exporter;
  private final Vertx vertx;
  private final BridgeMetrics metrics;
  private final Backoff backoff;
  private final QueueState<E> queue;

  RetrySender(
      Signal<?, E> signal,
      Exporter exporter,
      Vertx vertx,
      BridgeMetrics metrics,
      Backoff backoff,
      QueueState<E> queue) {
    this.signal = signal;
    this.exporter = exporter;
    this.vertx = vertx;
    this.metrics = metrics;
    this.backoff = backoff;
    this.queue = queue;
  }

  void send(List<Batch<E>> toSend) {
    toSend.forEach(this::attempt);
  }

  void attempt(Batch<E> batch) {
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
    synchronized (queue) {
      if (queue.abandoned) {
        return; // already counted as lost by the drain
      }
      if (result instanceof ExportResult.Accepted && queue.failingSince != 0) {
        recoveredAfter = System.nanoTime() - queue.failingSince;
        queue.failingSince = 0;
      } else if (result instanceof ExportResult.Retryable && queue.failingSince == 0) {
        queue.failingSince = System.nanoTime();
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
    if (!queue.limits.retry()) {
      drop(batch, "retries_exhausted", retryable.reason() + " (retries are off)");
      return;
    }
    Duration delay = retryable.retryAfter().orElseGet(() -> backoff.delay(batch.attempts - 1));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - batch.firstAttempt);
    if (elapsed.plus(delay).compareTo(queue.limits.maxElapsed()) > 0) {
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
    synchronized (queue) {
      long timer =
          vertx.setTimer(
              Math.max(1, delay.toMillis()),
              id -> {
                synchronized (queue) {
                  if (queue.waitingForRetry.remove(batch) == null) {
                    return; // drain took it over
                  }
                }
                attempt(batch);
              });
      queue.waitingForRetry.put(batch, timer);
    }
  }

  private void requeueHalves(Batch<E> batch) {
    List<Batch<E>> halves = batch.halves(signal);
    List<Batch<E>> toSend;
    synchronized (queue) {
      queue.ready.addFirst(halves.get(1));
      queue.ready.addFirst(halves.get(0));
      queue.inFlight--;
      toSend = queue.takeSendable();
    }
    send(toSend);
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
    synchronized (queue) {
      if (queue.abandoned) {
        return;
      }
      queue.queuedItems -= batch.items;
      queue.queuedBytes -= batch.bytes;
      queue.inFlight--;
      if (queue.queuedItems == 0) {
        queue.failingSince = 0;
      }
      toSend = queue.takeSendable();
      queue.completeDrainIfIdle();
    }
    send(toSend);
  }
}
