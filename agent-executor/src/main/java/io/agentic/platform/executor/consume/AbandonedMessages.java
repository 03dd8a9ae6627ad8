package io.agentic.platform.executor.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.run.Delivery;
import io.agentic.platform.executor.run.RunPipeline;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Listens for the server's advisory that a request reached the consumer's delivery limit without
 * being acked: NATS then never delivers it again, and without this it would vanish from the
 * consumer unanswered. The message is read back from the stream and dead-lettered. The replicas
 * share a queue group, so one of them handles each advisory.
 */
@ApplicationScoped
public class AbandonedMessages {

  private static final Logger LOG = Logger.getLogger(AbandonedMessages.class);

  private final NatsConfig config;
  private final RunPipeline pipeline;
  private final ObjectMapper mapper;

  AbandonedMessages(NatsConfig config, RunPipeline pipeline, ObjectMapper mapper) {
    this.config = config;
    this.pipeline = pipeline;
    this.mapper = mapper;
  }

  /** The advisory subject of this executor's consumer. */
  String subject() {
    return "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES."
        + config.stream()
        + "."
        + config.consumer();
  }

  /** Subscribes on {@code connection}; called for every new connection. */
  void listen(Connection connection) {
    Dispatcher dispatcher = connection.createDispatcher(message -> handle(connection, message));
    dispatcher.subscribe(subject(), config.consumer() + "-advisories");
  }

  void handle(Connection connection, Message advisory) {
    long sequence;
    long deliveries;
    try {
      JsonNode event = mapper.readTree(advisory.getData());
      sequence = event.path("stream_seq").asLong();
      deliveries = event.path("deliveries").asLong();
    } catch (Exception e) {
      LOG.warnf("unreadable max-deliveries advisory: %s", e.getMessage());
      return;
    }
    MessageInfo stored;
    try {
      stored = connection.jetStreamManagement().getMessage(config.stream(), sequence);
    } catch (Exception e) {
      LOG.errorf(
          "stream message %d reached the delivery limit but could not be read back to dead-letter"
              + " it: %s",
          sequence, e.getMessage());
      return;
    }
    LOG.warnf("stream message %d reached the delivery limit (%d)", sequence, deliveries);
    pipeline.abandoned(
        new Delivery(
            stored.getSubject(),
            stored.getData() == null ? new byte[0] : stored.getData(),
            stored.getHeaders(),
            deliveries,
            sequence,
            Instant.now(),
            System.nanoTime()));
  }
}
