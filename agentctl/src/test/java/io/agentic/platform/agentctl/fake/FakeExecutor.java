package io.agentic.platform.agentctl.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Stands in for an agent-executor on the local NATS: a stream of its own under a unique subject
 * prefix, and a subscriber that answers each request on its {@code replyTo} with what the test
 * says. Each request it saw can be taken for inspection.
 */
public final class FakeExecutor implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public final String prefix = "agentctl-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final String stream = prefix.replace('-', '_').toUpperCase();
  private final Connection connection;
  private final LinkedBlockingQueue<Message> requests = new LinkedBlockingQueue<>();

  /** {@code answer} maps a request to the result event to publish, or null to stay silent. */
  public FakeExecutor(Function<JsonNode, String> answer)
      throws IOException, InterruptedException, JetStreamApiException, TimeoutException {
    connection = Nats.connect("nats://127.0.0.1:4222");
    connection
        .jetStreamManagement()
        .addStream(
            StreamConfiguration.builder()
                .name(stream)
                .subjects(prefix + ".>")
                .storageType(StorageType.Memory)
                .build());
    Dispatcher dispatcher =
        connection.createDispatcher(
            message -> {
              requests.add(message);
              try {
                JsonNode request = JSON.readTree(message.getData());
                String event = answer.apply(request);
                if (event != null) {
                  connection.publish(
                      request.path("replyTo").asText(), event.getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    dispatcher.subscribe(prefix + ".>");
    connection.flush(Duration.ofSeconds(3));
  }

  /** The subject a request for {@code tenant} is published to in these tests. */
  public String subject(String tenant) {
    return prefix + ".requests." + tenant;
  }

  public Message nextRequest() throws InterruptedException {
    Message message = requests.poll(10, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no request reached the fake executor");
    }
    return message;
  }

  public Connection connection() {
    return connection;
  }

  /** A result event as the executor writes it. */
  public static String succeeded(JsonNode request, String output) {
    return """
        {"version":1,"runId":"%s","tenant":"%s","agent":"%s","status":"succeeded","output":"%s",
         "model":"fake-model-1","usage":{"inputTokens":12,"outputTokens":5},
         "timings":{"llmMs":7,"totalMs":9},"attempts":1}"""
        .formatted(
            request.path("runId").asText(),
            request.path("tenant").asText(),
            request.path("agent").asText(),
            output);
  }

  public static String dead(JsonNode request, String code, String message) {
    return """
        {"version":1,"runId":"%s","tenant":"%s","agent":"%s","status":"dead",
         "error":{"code":"%s","message":"%s"},"attempts":1}"""
        .formatted(
            request.path("runId").asText(),
            request.path("tenant").asText(),
            request.path("agent").asText(),
            code,
            message);
  }

  @Override
  public void close() throws Exception {
    try {
      connection.jetStreamManagement().deleteStream(stream);
    } finally {
      connection.close();
    }
  }
}
