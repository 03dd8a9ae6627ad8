package io.agentic.platform.executor.fake;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/** A producer's view of the executor: publish requests, read results and dead letters. */
public final class NatsTestClient implements AutoCloseable {

  private final Connection connection;
  private final Dispatcher dispatcher;

  public NatsTestClient() throws Exception {
    connection = Nats.connect("nats://127.0.0.1:4222");
    dispatcher = connection.createDispatcher();
  }

  public static String config(String key) {
    return ConfigProvider.getConfig().getValue(key, String.class);
  }

  public Connection connection() {
    return connection;
  }

  public void publishRequest(String json) throws Exception {
    publishRequest(json, new Headers());
  }

  public void publishRequest(String json, Headers headers) throws Exception {
    publishRequest(json.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** Publishes on the request subject of the tenant the request names (acme when none). */
  public void publishRequest(byte[] payload, Headers headers) throws Exception {
    String tenant = "acme";
    try {
      tenant =
          new JsonObject(new String(payload, StandardCharsets.UTF_8)).getString("tenant", tenant);
    } catch (RuntimeException notJson) {
      // Malformed on purpose: it goes to acme's subject.
    }
    publishRequestOn(requests(tenant), payload, headers);
  }

  public void publishRequestOn(String subject, byte[] payload, Headers headers) throws Exception {
    connection.jetStream().publish(subject, headers, payload);
  }

  /** The subject requests of {@code tenant} are published on in this test run. */
  public static String requests(String tenant) {
    return config("executor.requests-prefix") + "." + tenant;
  }

  /** The default results subject of {@code tenant}. */
  public static String results(String tenant) {
    return config("executor.results-prefix") + "." + tenant;
  }

  /** A reply subject of tenant acme, below its results. */
  public static String reply(String suffix) {
    return reply("acme", suffix);
  }

  public static String reply(String tenant, String suffix) {
    return results(tenant) + "." + suffix;
  }

  public static String deadLetters(String tenant) {
    return config("executor.dead-letter-prefix") + "." + tenant;
  }

  /** Starts collecting messages on a subject (before the request goes out). */
  public Inbox listen(String subject) throws Exception {
    BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    dispatcher.subscribe(subject, received::add);
    connection.flush(Duration.ofSeconds(2));
    return new Inbox(received);
  }

  @Override
  public void close() throws InterruptedException {
    connection.close();
  }

  /** Messages received on one subject. */
  public record Inbox(BlockingQueue<Message> messages) {

    public Message next(Duration timeout) throws InterruptedException {
      Message message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("nothing arrived within " + timeout);
      }
      return message;
    }

    public JsonObject nextJson(Duration timeout) throws InterruptedException {
      return new JsonObject(new String(next(timeout).getData(), StandardCharsets.UTF_8));
    }

    /**
     * The next dead-letter record whose original payload contains {@code marker}, skipping the
     * records of other tests' requests on the same subject.
     */
    public JsonObject nextDeadLetterContaining(String marker, Duration timeout)
        throws InterruptedException {
      Instant until = Instant.now().plus(timeout);
      while (Instant.now().isBefore(until)) {
        JsonObject record = nextJson(Duration.between(Instant.now(), until));
        String payload =
            new String(
                Base64.getDecoder().decode(record.getString("payloadBase64")),
                StandardCharsets.UTF_8);
        if (payload.contains(marker)) {
          return record;
        }
      }
      throw new AssertionError("no dead letter for " + marker);
    }
  }
}
