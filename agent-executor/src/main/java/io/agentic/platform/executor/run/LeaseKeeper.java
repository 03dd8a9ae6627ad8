package io.agentic.platform.executor.run;

import io.agentic.platform.executor.config.ExecutorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the leases of the runs this replica executes alive. A claim holds its run for a short
 * lease, renewed here every third of it while the run goes on, so a run whose replica died is taken
 * over by a redelivery within one lease instead of after the longest a run may take. One statement
 * renews every run of the replica; renewing runs on its own thread, so a slow database never delays
 * the in-progress signals that keep the messages from being redelivered.
 */
@ApplicationScoped
public class LeaseKeeper {

  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

  private final RunStore store;
  private final Duration lease;
  private final Map<RunKey, HeldRun> held = new ConcurrentHashMap<>();
  private ScheduledExecutorService renewer;

  LeaseKeeper(RunStore store, ExecutorConfig config) {
    this.store = store;
    this.lease = config.runLease();
  }

  /** The lease a claim takes and each renewal extends by. */
  public Duration lease() {
    return lease;
  }

  /** Renews the lease of {@code run} until the returned handle is closed. */
  public Held hold(HeldRun run) {
    startRenewing();
    held.put(run.key(), run);
    return () -> held.remove(run.key(), run);
  }

  private synchronized void startRenewing() {
    if (renewer == null) {
      renewer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "agent-run-lease-renewer");
                thread.setDaemon(true);
                return thread;
              });
      long period = Math.max(lease.toMillis() / 3, 100);
      renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }
  }

  void renew() {
    try {
      store.renew(held.values(), lease);
    } catch (Exception e) {
      // The runs' own calls meet the outage and wait for the database; a claim taken over
      // meanwhile is caught when the run finishes (finish is fenced by the attempt).
      LOG.debugf("leases not renewed: %s", e.getMessage());
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (renewer != null) {
      renewer.shutdownNow();
    }
  }

  /** A held lease; closing it stops renewing. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
