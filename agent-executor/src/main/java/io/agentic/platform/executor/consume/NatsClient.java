package io.agentic.platform.executor.consume;

import io.agentic.platform.executor.config.NatsConfig;
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
  private volatile Connection connection;
  private volatile JetStreamSubscription subscription;

  NatsClient(NatsConfig config) {
    this.config = config;
  }

  /**
   * The current connection, or a new one when there is none or it was lost; throws when the server
   * cannot be reached right now.
   */
  synchronized Connection connect() throws IOException, InterruptedException {
    if (connection == null || connection.getStatus() == Connection.Status.CLOSED) {
      Options options =
          new Options.Builder()
              .servers(config.url().orElseThrow().split(","))
              .connectionName("agent-executor")
              // A lost connection closes; connect() replaces it (see the class comment).
              .maxReconnects(0)
              .pingInterval(config.pingInterval())
              .maxPingsOut(MAX_PINGS_OUT)
              .connectionTimeout(Duration.ofSeconds(5))
              .connectionListener(NatsClient::onEvent)
              .errorListener(new QuietErrors())
              .build();
      subscription = null;
      connection = Nats.connect(options);
      LOG.infof("connected to NATS %s", connection.getConnectedUrl());
    }
    return connection;
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
    JetStreamManagement jsm = nc.jetStreamManagement();
    ensureStream(jsm);
    ensureConsumer(jsm);
    subscription =
        nc.jetStream()
            .subscribe(null, PullSubscribeOptions.bind(config.stream(), config.consumer()));
    LOG.infof("bound to consumer %s of stream %s", config.consumer(), config.stream());
    return subscription;
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
    try {
      jsm.getConsumerInfo(config.stream(), config.consumer());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
        throw e;
      }
      // Redeliveries are counted and dead-lettered here, so the server never gives up by itself.
      jsm.addOrUpdateConsumer(
          config.stream(),
          ConsumerConfiguration.builder()
              .durable(config.consumer())
              .ackPolicy(AckPolicy.Explicit)
              .ackWait(config.ackWait())
              .maxDeliver(-1)
              .build());
      LOG.infof("created consumer %s on stream %s", config.consumer(), config.stream());
    }
  }

  private static void onEvent(Connection conn, ConnectionListener.Events event) {
    switch (event) {
      case DISCONNECTED -> LOG.warn("lost the connection to NATS; connecting again");
      default -> LOG.debugf("NATS connection event %s", event);
    }
  }

  /** A lost connection is logged by the listener; the client's own error chatter goes to debug. */
  private static final class QuietErrors implements ErrorListener {
    @Override
    public void errorOccurred(Connection conn, String error) {
      LOG.debugf("NATS error: %s", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      LOG.debugf("NATS exception: %s", exp.toString());
    }
  }
}
