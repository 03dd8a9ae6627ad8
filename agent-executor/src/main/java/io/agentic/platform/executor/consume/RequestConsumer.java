package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.outage.Dependencies;
import io.agentic.platform.executor.run.Delivery;
import io.agentic.platform.executor.run.Disposition;
import io.agentic.platform.executor.run.RunPipeline;
import io.agentic.platform.executor.schema.SchemaMigrations;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Pulls requests from the durable consumer and runs them on a fixed pool of run threads.
 *
 * <p>A pull asks for exactly as many messages as there are free run slots, so this replica never
 * holds more messages than it is executing: nothing waits in a local buffer while its ack timer
 * runs, and the rest stay in the stream for other replicas (and in the lag KEDA scales on).
 */
@ApplicationScoped
public class RequestConsumer {

  private static final Logger LOG = Logger.getLogger(RequestConsumer.class);
  private static final Duration RETRY_WAIT = Duration.ofSeconds(1);

  private final NatsClient nats;
  private final NatsConfig natsConfig;
  private final ExecutorConfig config;
  private final RunPipeline pipeline;
  private final Dependencies dependencies;
  private final SchemaMigrations schema;
  private final Semaphore slots;
  private final Map<Message, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Thread puller;
  private ThreadPoolExecutor runs;
  private ScheduledExecutorService heartbeats;

  RequestConsumer(
      NatsClient nats,
      NatsConfig natsConfig,
      ExecutorConfig config,
      RunPipeline pipeline,
      Dependencies dependencies,
      SchemaMigrations schema,
      AbandonedMessages abandoned) {
    this.nats = nats;
    this.natsConfig = natsConfig;
    this.config = config;
    this.pipeline = pipeline;
    this.dependencies = dependencies;
    this.schema = schema;
    this.slots = new Semaphore(config.concurrency());
    nats.onConnect(abandoned::listen);
  }

  /** Starts pulling in the background: dependencies that are down now are waited for there. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    runs =
        new ThreadPoolExecutor(
            config.concurrency(),
            config.concurrency(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            named("agent-run-"));
    ScheduledThreadPoolExecutor signals =
        new ScheduledThreadPoolExecutor(1, named("agent-run-heartbeat-"));
    // Nearly every run ends long before its first signal: without this, each cancelled signal would
    // stay queued (and on the heap) for a third of the ack wait.
    signals.setRemoveOnCancelPolicy(true);
    heartbeats = signals;
    try {
      // Bind now when NATS is there, so readiness is UP as soon as start-up ends.
      nats.subscription();
    } catch (Exception e) {
      LOG.warnf("NATS consumer not bound at start, retrying in the background: %s", e.getMessage());
    }
    puller = named("agent-request-puller-").newThread(this::pullLoop);
    puller.start();
  }

  /** Runs executing now: what the concurrency limit bounds. */
  public int active() {
    return active.get();
  }

  private void pullLoop() {
    try {
      awaitSchema();
      while (running) {
        if (!dependencies.allUp()) {
          // Runs holding messages wait for what is down; new ones would only join them.
          dependencies.probeDown();
          pause(natsConfig.reconnectWait());
          continue;
        }
        try {
          pullOnce(nats.subscription());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          if (!running) {
            return;
          }
          LOG.warnf("pulling requests failed, retrying: %s", e.toString());
          nats.unbind();
          pause(natsConfig.reconnectWait());
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Serve mode needs the schema this build was made for; an older one stops the service. */
  private void awaitSchema() {
    while (running) {
      try {
        schema.verifyCurrent();
        return;
      } catch (SchemaMigrations.SchemaTooOld e) {
        LOG.error(e.getMessage());
        running = false;
        Quarkus.asyncExit(1);
        return;
      } catch (RuntimeException e) {
        LOG.warnf("cannot check the database schema yet: %s", e.getMessage());
        pause(RETRY_WAIT);
      }
    }
  }

  private void pullOnce(JetStreamSubscription subscription) throws InterruptedException {
    if (!slots.tryAcquire(natsConfig.pullWait().toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    int wanted = 1 + slots.drainPermits();
    int taken = 0;
    try {
      Iterator<Message> messages = subscription.iterate(wanted, natsConfig.pullWait());
      while (messages.hasNext()) {
        Message message = messages.next();
        if (message.isJetStream()) {
          taken++;
          dispatch(message);
        }
      }
    } finally {
      slots.release(wanted - taken);
    }
  }

  private void dispatch(Message message) {
    Instant pickedUp = Instant.now();
    long pickedUpNanos = System.nanoTime();
    AtomicBoolean settled = new AtomicBoolean();
    inFlight.put(message, settled);
    long period = Math.max(natsConfig.ackWait().toMillis() / 3, 100);
    // In-progress signals keep the server from redelivering a message whose LLM call is long.
    ScheduledFuture<?> heartbeat =
        heartbeats.scheduleAtFixedRate(
            () -> {
              if (!settled.get()) {
                signal(message, AckSignal.IN_PROGRESS);
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
    runs.execute(
        () -> {
          active.incrementAndGet();
          try {
            Disposition disposition =
                pipeline.execute(
                    new Delivery(
                        message.getSubject(),
                        message.getData() == null ? new byte[0] : message.getData(),
                        message.getHeaders(),
                        message.metaData().deliveredCount(),
                        message.metaData().streamSequence(),
                        pickedUp,
                        pickedUpNanos));
            settle(message, settled, disposition);
          } catch (RuntimeException e) {
            // The pipeline settles every failure it can name; this is one of its own.
            LOG.errorf(
                e,
                "stream message %d: run pipeline failed; redelivering",
                message.metaData().streamSequence());
            settle(message, settled, new Disposition.Nak(RETRY_WAIT));
          } finally {
            heartbeat.cancel(false);
            inFlight.remove(message);
            active.decrementAndGet();
            slots.release();
          }
        });
  }

  private void settle(Message message, AtomicBoolean settled, Disposition disposition) {
    if (!settled.compareAndSet(false, true)) {
      return; // shutdown already handed it back
    }
    signal(message, AckSignal.of(disposition));
  }

  /**
   * Publishes an ack, nak, term or in-progress signal to the message's reply subject on the current
   * connection. The server takes a signal from any connection, and the current one is also the one
   * that carried the run's result, so the result reaches the server before the ack. (The client's
   * own {@code Message.ack()} uses the connection the message arrived on, which may have been
   * replaced since.) A signal that cannot go out now is not lost for good: the server delivers the
   * message again after the ack wait, and a finished run is answered from the run store.
   */
  private void signal(Message message, AckSignal signal) {
    try {
      nats.connection().publish(message.getReplyTo(), signal.body());
    } catch (IllegalStateException connectionLost) {
      LOG.warnf(
          "could not send %s for stream message %d (%s)%s",
          signal.name(),
          message.metaData().streamSequence(),
          connectionLost.getMessage(),
          signal == AckSignal.IN_PROGRESS ? "" : "; it will be delivered again after the ack wait");
    }
  }

  /**
   * Graceful stop: no more pulls, in-flight runs get the drain timeout to finish, whatever is still
   * running then is handed back (nak) for another replica, and the connection is flushed and
   * closed.
   */
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    stopping.countDown();
    try {
      if (!stopped.await(natsConfig.pullWait().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
        puller.interrupt();
      }
      runs.shutdown();
      if (!runs.awaitTermination(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        inFlight.forEach(
            (message, settled) -> {
              if (settled.compareAndSet(false, true)) {
                signal(message, AckSignal.of(new Disposition.Nak(Duration.ZERO)));
              }
            });
        LOG.warnf("handed %d unfinished runs back to the stream", inFlight.size());
        runs.shutdownNow();
      }
      heartbeats.shutdownNow();
      nats.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pause(Duration wait) {
    try {
      // Bounded wait before retrying a dependency, cut short by stop().
      stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
