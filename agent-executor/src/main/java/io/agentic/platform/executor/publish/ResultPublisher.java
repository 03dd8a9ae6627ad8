package io.agentic.platform.executor.publish;

import io.agentic.platform.executor.consume.NatsClient;
import io.agentic.platform.executor.observe.NatsTraceContext;
import io.nats.client.impl.Headers;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes result events and dead-letter records with the run id in a header (and as {@code
 * Nats-Msg-Id}, so a stream capturing the subject drops re-published duplicates) and the current
 * trace context.
 *
 * <p>The publish goes out on the connection that later carries the request's ack, and NATS keeps
 * one connection's messages in order (the client replays its reconnect buffer in order too): when
 * the server has the ack, it has the result. When that connection was lost the publish fails with
 * {@link NotPublished}, and so would the ack: the request is delivered again after the ack wait and
 * answered from the run store.
 */
@ApplicationScoped
public class ResultPublisher {

  public static final String RUN_ID_HEADER = "Agent-Run-Id";
  public static final String REASON_HEADER = "Agent-Dead-Letter-Reason";
  static final String MSG_ID_HEADER = "Nats-Msg-Id";

  private final NatsClient nats;
  private final NatsTraceContext traceContext;

  ResultPublisher(NatsClient nats, NatsTraceContext traceContext) {
    this.nats = nats;
    this.traceContext = traceContext;
  }

  public void result(String subject, String runId, byte[] event) {
    Headers headers = new Headers();
    headers.put(RUN_ID_HEADER, runId);
    headers.put(MSG_ID_HEADER, "result:" + runId);
    traceContext.inject(Context.current(), headers);
    publish(subject, headers, event);
  }

  public void deadLetter(String subject, String runId, String reason, byte[] record) {
    Headers headers = new Headers();
    if (runId != null) {
      headers.put(RUN_ID_HEADER, runId);
    }
    headers.put(REASON_HEADER, reason);
    traceContext.inject(Context.current(), headers);
    publish(subject, headers, record);
  }

  private void publish(String subject, Headers headers, byte[] body) {
    try {
      nats.connection().publish(subject, headers, body);
    } catch (IllegalStateException connectionLost) {
      throw new NotPublished(subject, connectionLost.getMessage());
    }
  }

  /** A result or dead-letter record that could not be handed to NATS: the connection is gone. */
  public static final class NotPublished extends RuntimeException {
    NotPublished(String subject, String reason) {
      super("nothing published to " + subject + ": " + reason, null, false, false);
    }
  }
}
