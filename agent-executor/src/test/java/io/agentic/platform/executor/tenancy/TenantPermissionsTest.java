package io.agentic.platform.executor.tenancy;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The documented per-tenant accounts example on a real nats-server, with the executor running under
 * its least-privilege user: a tenant's producer gets its own answers, and with its credentials can
 * neither publish for another tenant nor read another tenant's results.
 */
@QuarkusTest
@TestProfile(TenantNatsServerResource.Profile.class)
class TenantPermissionsTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aTenantsRequestIsAnsweredOnItsOwnResults() throws Exception {
    try (Tenant acme = Tenant.connect("acme")) {
      String runId = newRunId();
      Subscription results = acme.connection.subscribe("agent.results.acme." + runId);
      acme.publish(
          "agent.requests.acme",
          request(runId, "support", "hello " + runId)
              .put("replyTo", "agent.results.acme." + runId));
      Message result = results.nextMessage(WAIT);
      assertTrue(result != null, "the result arrived");
      assertEquals(
          "succeeded",
          new JsonObject(new String(result.getData(), StandardCharsets.UTF_8)).getString("status"));
    }
  }

  @Test
  void aTenantCannotPublishAnotherTenantsRequests() throws Exception {
    try (Tenant acme = Tenant.connect("acme")) {
      String runId = newRunId();
      assertThrows(
          Exception.class,
          () ->
              acme.publish(
                  "agent.requests.globex",
                  request(runId, "support", "as globex " + runId).put("tenant", "globex")));
      await()
          .atMost(WAIT)
          .until(
              () -> acme.violations().stream().anyMatch(e -> e.contains("agent.requests.globex")));
    }
  }

  @Test
  void aTenantCannotReadAnotherTenantsResults() throws Exception {
    try (Tenant acme = Tenant.connect("acme");
        Tenant globex = Tenant.connect("globex")) {
      Subscription spying = acme.connection.subscribe("agent.results.globex.>");
      acme.connection.flush(Duration.ofSeconds(2));
      await()
          .atMost(WAIT)
          .until(
              () -> acme.violations().stream().anyMatch(e -> e.contains("agent.results.globex")));

      String runId = newRunId();
      Subscription own = globex.connection.subscribe("agent.results.globex." + runId);
      globex.publish(
          "agent.requests.globex",
          request(runId, "support", "secret " + runId)
              .put("tenant", "globex")
              .put("replyTo", "agent.results.globex." + runId));
      assertTrue(own.nextMessage(WAIT) != null, "globex got its result");
      assertEquals(null, spying.nextMessage(Duration.ofSeconds(2)), "acme saw none of it");
    }
  }

  /** A producer with one tenant's credentials from the example. */
  record Tenant(Connection connection, List<String> errors) implements AutoCloseable {

    static Tenant connect(String name) throws Exception {
      List<String> errors = new CopyOnWriteArrayList<>();
      Connection connection =
          Nats.connect(
              new Options.Builder()
                  .server(TenantNatsServerResource.server.url())
                  .userInfo(name, name + "-example-password")
                  .inboxPrefix("_INBOX_" + name)
                  .errorListener(
                      new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                          errors.add(error);
                        }
                      })
                  .build());
      return new Tenant(connection, errors);
    }

    void publish(String subject, JsonObject request) throws Exception {
      connection
          .jetStream(JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(3)).build())
          .publish(subject, request.encode().getBytes(StandardCharsets.UTF_8));
    }

    List<String> violations() {
      return errors.stream().filter(e -> e.contains("Permissions Violation")).toList();
    }

    @Override
    public void close() throws InterruptedException {
      connection.close();
    }
  }
}
