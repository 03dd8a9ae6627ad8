package io.agentic.platform.controller.expose;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs a handler for keys, as an operator's work queue does: a key is handled by one thread at a
 * time; keys added while queued are handled once; a key added while it is being handled is handled
 * again afterwards (the event may have come after the handler read the cache); a handler that
 * throws is retried after a backoff that doubles from {@code initialBackoff} up to {@code
 * maxBackoff}, and is reset once the key succeeds.
 */
final class KeyedWorkQueue<K> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KeyedWorkQueue.class);

  private enum State {
    QUEUED,
    RUNNING,
    /** Running, and added again meanwhile: run once more when done. */
    RUNNING_AGAIN
  }

  private final Consumer<K> handler;
  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Map<K, State> states = new ConcurrentHashMap<>();
  private final Map<K, Integer> failures = new ConcurrentHashMap<>();

  KeyedWorkQueue(
      String name, int threads, Consumer<K> handler, Duration initialBackoff, Duration maxBackoff) {
    this.handler = handler;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            threads, task -> daemon(task, name + "-" + count.incrementAndGet()));
    this.retries =
        Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name + "-retry"));
  }

  void add(K key) {
    boolean[] submit = {false};
    states.compute(
        key,
        (k, state) -> {
          if (state == null) {
            submit[0] = true;
            return State.QUEUED;
          }
          return state == State.QUEUED ? State.QUEUED : State.RUNNING_AGAIN;
        });
    if (submit[0]) {
      submit(key);
    }
  }

  /** Keys queued or being handled. */
  int pending() {
    return states.size();
  }

  private void submit(K key) {
    try {
      workers.execute(() -> run(key));
    } catch (RejectedExecutionException e) {
      states.remove(key); // shutting down
    }
  }

  private void run(K key) {
    states.put(key, State.RUNNING);
    try {
      handler.accept(key);
      failures.remove(key);
    } catch (RuntimeException e) {
      int attempts = failures.merge(key, 1, Integer::sum);
      Duration delay = backoff(attempts);
      LOG.warnf("%s failed (attempt %d), retrying in %s: %s", key, attempts, delay, e.getMessage());
      try {
        retries.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException shuttingDown) {
        // nothing to retry into
      }
    }
    boolean again =
        states.compute(key, (k, state) -> state == State.RUNNING_AGAIN ? State.QUEUED : null)
            != null;
    if (again) {
      submit(key);
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  Duration backoff(int attempts) {
    long millis = initialBackoff.toMillis() << Math.min(attempts - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  @Override
  public void close() {
    retries.shutdownNow();
    workers.shutdownNow();
  }
}
