package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.tenancy.TenantSubjects;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The NATS connection of this replica and its binding to the durable pull consumer.
 *
 * <p>A connection that is lost is closed and replaced by a new one, never reconnected in place: the
 * client's in-place reconnect hands its outgoing queues from the old connection's writer to the new
 * one, and after quick successive reconnects a connection was seen reporting CONNECTED while
 * sending nothing (not even PINGs), so results and acks were lost until restart. A fresh connection
 * has no such history. The consumer layer connects again when a pull fails; PINGs find a connection
 * that looks up but carries nothing.
 */
@ApplicationScoped
public class NatsClient {

  private static final Logger LOG = Logger.getLogger(NatsClient.class);
  // JetStream API error codes: stream not found, consumer not found.
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int CONSUMER_NOT_FOUND = 10014;
  private static final int MAX_PINGS_OUT = 2;

  private final NatsConfig config;
  private final ExecutorConfig executor;
  private final TenantSubjects subjects;
  private final NatsIdentity identity;
  private volatile String lastFailure;
  private volatile String lastServerError;
  private volatile Connection connection;
  private volatile JetStreamSubscription subscription;
  private volatile java.util.function.Consumer<Connection> onConnect = connection -> {};

  NatsClient(
      NatsConfig config, ExecutorConfig executor, TenantSubjects subjects, NatsIdentity identity) {
    this.config = config;
    this.identity = identity;
    this.executor = executor;
    this.subjects = subjects;
  }

  /**
   * The current connection, or a new one when there is none or it was lost; throws when the server
   * cannot be reached right now.
   */
  public synchronized Connection connect() throws IOException, InterruptedException {
    if (connection == null || connection.getStatus() == Connection.Status.CLOSED) {
      subscription = null;
      try {
        connection = Nats.connect(options());
      } catch (IOException e) {
        lastFailure = e.getMessage();
        throw e;
      } catch (GeneralSecurityException e) {
        lastFailure = e.getMessage();
        throw new IOException(e.getMessage(), e);
      }
      lastFailure = null;
      LOG.infof("connected to NATS %s", connection.getConnectedUrl());
      onConnect.accept(connection);
    }
    return connection;
  }

  private Options options() throws IOException, GeneralSecurityException {
    return identity
        .apply(
            new Options.Builder()
                .servers(config.url().orElseThrow().split(","))
                .connectionName("agent-executor")
                // A lost connection closes; connect() replaces it (see the class comment).
                .maxReconnects(0)
                .pingInterval(config.pingInterval())
                .maxPingsOut(MAX_PINGS_OUT)
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionListener(NatsClient::onEvent)
                .errorListener(new QuietErrors(this)))
        .build();
  }

  /** Why the last connection attempt failed (an authorization violation, say); null when none. */
  public String lastFailure() {
    return lastFailure;
  }

  /**
   * The last error the server sent (e.g. a permissions violation, which the server reports apart
   * from the request it refused, which then only times out); null when none.
   */
  public String lastServerError() {
    return lastServerError;
  }

  /**
   * The pull subscription bound to the durable consumer, creating the stream (when subjects are
   * configured) and the consumer when they do not exist.
   */
  synchronized JetStreamSubscription subscription()
      throws IOException, InterruptedException, JetStreamApiException {
    Connection nc = connect();
    if (subscription != null && subscription.isActive()) {
      return subscription;
    }
    try {
      JetStreamManagement jsm = nc.jetStreamManagement();
      ensureStream(jsm);
      ensureConsumer(jsm);
      subscription =
          nc.jetStream()
              .subscribe(null, PullSubscribeOptions.bind(config.stream(), config.consumer()));
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      // A user without permission for the stream or consumer fails here, not at connect.
      lastFailure = e.getMessage();
      throw e;
    }
    lastFailure = null;
    lastServerError = null;
    LOG.infof("bound to consumer %s of stream %s", config.consumer(), config.stream());
    return subscription;
  }

  /** What to set up on every new connection (subscriptions beside the consumer's). */
  void onConnect(java.util.function.Consumer<Connection> setUp) {
    this.onConnect = setUp;
  }

  /** Drops the binding after a failed pull, so the next pull binds again. */
  synchronized void unbind() {
    JetStreamSubscription current = subscription;
    subscription = null;
    if (current != null) {
      try {
        current.unsubscribe();
      } catch (RuntimeException alreadyGone) {
        // The connection or subscription is already closed: nothing left to release.
      }
    }
  }

  /** The connection, for publishing; an exception when the service never connected. */
  public Connection connection() {
    Connection current = connection;
    if (current == null) {
      throw new IllegalStateException("not connected to NATS yet");
    }
    return current;
  }

  /** Connected now and bound to the consumer: what readiness reports. */
  public boolean ready() {
    Connection current = connection;
    JetStreamSubscription bound = subscription;
    return current != null
        && current.getStatus() == Connection.Status.CONNECTED
        && bound != null
        && bound.isActive();
  }

  public ConsumerInfo consumerInfo() throws IOException, JetStreamApiException {
    return connection().jetStreamManagement().getConsumerInfo(config.stream(), config.consumer());
  }

  synchronized void close() throws InterruptedException {
    unbind();
    if (connection != null) {
      try {
        // Acks and results still in the outgoing buffer reach the server before the socket closes.
        connection.flush(Duration.ofSeconds(2));
      } catch (Exception e) {
        LOG.warnf("could not flush NATS before closing: %s", e.getMessage());
      }
      connection.close();
      connection = null;
    }
  }

  private void ensureStream(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    try {
      jsm.getStreamInfo(config.stream());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND || config.streamSubjects().isEmpty()) {
        throw e;
      }
      List<String> subjects = config.streamSubjects().get();
      jsm.addStream(
          StreamConfiguration.builder()
              .name(config.stream())
              .subjects(subjects)
              .storageType(StorageType.File)
              .build());
      LOG.infof("created stream %s for %s", config.stream(), subjects);
    }
  }

  private void ensureConsumer(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    ConsumerInfo existing;
    try {
      existing = jsm.getConsumerInfo(config.stream(), config.consumer());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
        throw e;
      }
      ConsumerConfiguration.Builder consumer =
          ConsumerConfiguration.builder()
              .durable(config.consumer())
              .ackPolicy(AckPolicy.Explicit)
              .ackWait(config.ackWait())
              .maxDeliver(executor.maxDeliveries());
      // An executor limited to some tenants only sees their requests (several filter subjects
      // need NATS 2.10).
      subjects
          .served()
          .ifPresent(
              tenants ->
                  consumer.filterSubjects(
                      tenants.stream().sorted().map(subjects::requests).toList()));
      jsm.addOrUpdateConsumer(config.stream(), consumer.build());
      LOG.infof("created consumer %s on stream %s", config.consumer(), config.stream());
      return;
    }
    if (existing.getConsumerConfiguration().getMaxDeliver() != executor.maxDeliveries()) {
      // Consumers created before the delivery limit was the server's too.
      jsm.addOrUpdateConsumer(
          config.stream(),
          ConsumerConfiguration.builder(existing.getConsumerConfiguration())
              .maxDeliver(executor.maxDeliveries())
              .build());
      LOG.infof(
          "consumer %s: max deliveries set to %d", config.consumer(), executor.maxDeliveries());
    }
  }

  private static void onEvent(Connection conn, ConnectionListener.Events event) {
    switch (event) {
      case DISCONNECTED -> LOG.warn("lost the connection to NATS; connecting again");
      default -> LOG.debugf("NATS connection event %s", event);
    }
  }

  /**
   * A lost connection is logged by the listener; the client's own error chatter goes to debug. What
   * the server refuses is kept for readiness and logged once per distinct error.
   */
  private static final class QuietErrors implements ErrorListener {
    private final NatsClient client;

    QuietErrors(NatsClient client) {
      this.client = client;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
      if (!error.equals(client.lastServerError)) {
        LOG.warnf("NATS server error: %s", error);
      }
      client.lastServerError = error;
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      LOG.debugf("NATS exception: %s", exp.toString());
    }
  }
}
