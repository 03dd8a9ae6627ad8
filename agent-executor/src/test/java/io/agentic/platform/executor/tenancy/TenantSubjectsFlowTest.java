package io.agentic.platform.executor.tenancy;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.ExecutorTestResource;
import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.nats.client.impl.Headers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants on the wire: a request is its subject's tenant's, results and dead letters stay within
 * that tenant's subjects, and a request can neither speak for another tenant nor send its result
 * anywhere else.
 */
@QuarkusTest
@QuarkusTestResource(ExecutorTestResource.class)
class TenantSubjectsFlowTest {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofSeconds(2);

  FakeLlm llm;
  @Inject DataSource dataSource;
  NatsTestClient nats;

  @BeforeEach
  void connect() throws Exception {
    nats = new NatsTestClient();
  }

  @AfterEach
  void close() throws Exception {
    nats.close();
  }

  @Test
  void resultsOfARequestWithoutReplyToGoToItsTenantsResultsSubject() throws Exception {
    String runId = newRunId();
    Inbox acme = nats.listen(NatsTestClient.results("acme"));
    Inbox globex = nats.listen(NatsTestClient.results("globex") + ".>");
    nats.publishRequest(request(runId, "support", "hello " + runId).encode());

    JsonObject result = nextFor(acme, runId);
    assertEquals("succeeded", result.getString("status"));
    assertNothingArrives(globex);
  }

  @Test
  void aRequestSpeakingForAnotherTenantIsDeadLetteredToTheSenderAndNeverRuns() throws Exception {
    String runId = newRunId();
    Inbox acmeDead = nats.listen(NatsTestClient.deadLetters("acme"));
    Inbox globexDead = nats.listen(NatsTestClient.deadLetters("globex"));
    Inbox globexResults = nats.listen(NatsTestClient.results("globex") + ".>");
    Inbox globexDefault = nats.listen(NatsTestClient.results("globex"));
    // Published with acme's rights on acme's subject, claiming to be globex.
    nats.publishRequestOn(
        NatsTestClient.requests("acme"),
        request(runId, "support", "spoof " + runId)
            .put("tenant", "globex")
            .put("replyTo", NatsTestClient.reply("globex", runId))
            .encode()
            .getBytes(StandardCharsets.UTF_8),
        new Headers());

    JsonObject record = acmeDead.nextDeadLetterContaining(runId, WAIT);
    assertEquals("tenant_subject_mismatch", record.getString("reason"));
    assertEquals("acme", record.getString("tenant"));
    assertNothingArrives(globexDead);
    assertNothingArrives(globexResults);
    assertNothingArrives(globexDefault);
    assertTrue(llm.callsWith(runId).isEmpty());
    assertEquals(0, rows(runId), "no run is recorded for either tenant");
  }

  @Test
  void aReplySubjectOutsideTheTenantsResultsGetsNothingAndTheRequesterIsTold() throws Exception {
    String runId = newRunId();
    String elsewhere = NatsTestClient.reply("globex", runId);
    Inbox target = nats.listen(elsewhere);
    Inbox inbox = nats.listen("_INBOX." + runId);
    Inbox own = nats.listen(NatsTestClient.results("acme"));
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    nats.publishRequest(
        request(runId, "support", "redirect " + runId).put("replyTo", elsewhere).encode());

    JsonObject result = nextFor(own, runId);
    assertEquals("dead", result.getString("status"));
    assertEquals("reply_subject_not_allowed", result.getJsonObject("error").getString("code"));
    assertEquals(
        "reply_subject_not_allowed",
        dead.nextDeadLetterContaining(runId, WAIT).getString("reason"));
    assertNothingArrives(target);
    assertNothingArrives(inbox);
    assertTrue(llm.callsWith(runId).isEmpty());
  }

  @Test
  void malformedMessagesAreDeadLetteredToTheTenantOfTheirSubjectOrToTheUnknownTenant()
      throws Exception {
    String marker = newRunId();
    Inbox acmeDead = nats.listen(NatsTestClient.deadLetters("acme"));
    Inbox unknown = nats.listen(NatsTestClient.deadLetters(TenantSubjects.UNKNOWN_TENANT));
    nats.publishRequestOn(
        NatsTestClient.requests("acme"),
        ("{not json " + marker).getBytes(StandardCharsets.UTF_8),
        new Headers());
    assertEquals(
        "malformed_json", acmeDead.nextDeadLetterContaining(marker, WAIT).getString("reason"));

    // Below a tenant's subject: no tenant token, so no tenant can be blamed or told.
    nats.publishRequestOn(
        NatsTestClient.requests("acme") + ".extra",
        request(marker, "support", "deeper " + marker).encode().getBytes(StandardCharsets.UTF_8),
        new Headers());
    JsonObject record = unknown.nextDeadLetterContaining(marker, WAIT);
    assertEquals("tenant_subject_mismatch", record.getString("reason"));
    assertTrue(llm.callsWith(marker).isEmpty());
  }

  private static JsonObject nextFor(Inbox inbox, String runId) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      JsonObject event = inbox.nextJson(Duration.ofNanos(until - System.nanoTime()));
      if (runId.equals(event.getString("runId"))) {
        return event;
      }
    }
    throw new AssertionError("no result for " + runId);
  }

  private static void assertNothingArrives(Inbox inbox) {
    await().during(QUIET).atMost(QUIET.plusSeconds(3)).until(() -> inbox.messages().isEmpty());
  }

  private int rows(String runId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM runs WHERE run_id = ?")) {
      s.setString(1, runId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
