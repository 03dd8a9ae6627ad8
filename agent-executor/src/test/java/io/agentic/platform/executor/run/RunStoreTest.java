package io.agentic.platform.executor.run;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.fake.ExecutorTestResource;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.RequestParser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ExecutorTestResource.class)
class RunStoreTest {

  @Inject RunStore store;
  @Inject DataSource dataSource;
  @Inject ObjectMapper mapper;

  @Test
  void aResultIsStoredEvenWhenTheClaimDidNotSurviveADatabaseCrash() throws Exception {
    AgentRequest request = parse(newRunId());
    assertInstanceOf(Claim.Owned.class, claim(request, "sha-1"));
    // What a crash right after the claim's unflushed commit leaves behind: no row at all.
    execute("DELETE FROM runs WHERE run_id = ?", request.runId());

    store.finish(request, 1, RunStatus.SUCCEEDED, "gpt-test", 13, 5, null, null, "{\"ok\":true}");

    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT status, tenant, agent, input_tokens, result::text, lease_until IS NULL"
                    + " FROM runs WHERE run_id = ?")) {
      select.setString(1, request.runId());
      try (ResultSet row = select.executeQuery()) {
        assertTrue(row.next(), "the result has a row");
        assertEquals("succeeded", row.getString(1));
        assertEquals("acme", row.getString(2));
        assertEquals("support", row.getString(3));
        assertEquals(13, row.getInt(4));
        assertEquals("{\"ok\":true}", row.getString(5));
        assertTrue(row.getBoolean(6), "a finished run holds no lease");
      }
    }
    // A redelivery now finds the stored result instead of running the agent again.
    Claim again = claim(request, "sha-1");
    assertEquals(RunStatus.SUCCEEDED, assertInstanceOf(Claim.Finished.class, again).status());
  }

  @Test
  void theClaimLeavesItsConnectionAsItFoundIt() throws Exception {
    AgentRequest request = parse(newRunId());
    claim(request, "sha-1");
    // The pool hands this thread the connection the claim used; a setting left behind would make
    // the result's commit unflushed too.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement show = connection.prepareStatement("SHOW synchronous_commit");
        ResultSet setting = show.executeQuery()) {
      assertTrue(setting.next());
      assertEquals("on", setting.getString(1));
      assertTrue(connection.getAutoCommit(), "the connection is back in auto-commit mode");
    }
  }

  @Test
  void theSameRunIdOfAnotherTenantIsAnotherRun() throws Exception {
    String runId = newRunId();
    AgentRequest acme = parse(runId);
    assertInstanceOf(Claim.Owned.class, claim(acme, "sha-1"));
    store.finish(acme, 1, RunStatus.SUCCEEDED, "gpt-test", 1, 1, null, null, "{\"mine\":true}");

    AgentRequest globex = parse(runId, "globex");
    assertInstanceOf(Claim.Owned.class, claim(globex, "sha-1"));
    assertEquals(
        "{\"mine\":true}",
        assertInstanceOf(Claim.Finished.class, claim(acme, "sha-1")).resultJson());
  }

  @Test
  void aResendWithAnotherBodyIsAConflictAndChangesNothing() throws Exception {
    AgentRequest request = parse(newRunId());
    assertInstanceOf(Claim.Owned.class, claim(request, "sha-1"));
    store.release(request);

    assertInstanceOf(Claim.Conflict.class, claim(request, "sha-2"));
    assertEquals("received", status(request.runId()));
    assertInstanceOf(Claim.Owned.class, claim(request, "sha-1"));
  }

  @Test
  void aRequestRefusedBeforeItsClaimNeverChangesAnExistingRun() throws Exception {
    AgentRequest request = parse(newRunId());
    assertInstanceOf(Claim.Owned.class, claim(request, "sha-1"));

    store.recordDead(request, FailureReason.DEADLINE_EXCEEDED, "late", "{}", false);
    assertEquals("running", status(request.runId()));

    store.recordDead(request, FailureReason.MAX_DELIVERIES, "gave up", "{}", true);
    assertEquals("dead", status(request.runId()));
  }

  @Test
  void aFinishedRunKnowsWhereItsResultWent() throws Exception {
    AgentRequest request = parse(newRunId());
    store.claim(request, "sha-1", "agent.results.acme.first", Instant.now(), Duration.ofMinutes(1));
    store.finish(request, 1, RunStatus.SUCCEEDED, "gpt-test", 1, 1, null, null, "{}");

    Claim again =
        store.claim(
            request, "sha-1", "agent.results.acme.other", Instant.now(), Duration.ofMinutes(1));
    assertEquals(
        "agent.results.acme.first", assertInstanceOf(Claim.Finished.class, again).replySubject());
  }

  @Test
  void aDeliveryOvertakenAfterItsLeaseRanOutStoresNothing() throws Exception {
    AgentRequest request = parse(newRunId());
    Claim first = store.claim(request, "sha-1", "r", Instant.now(), Duration.ZERO);
    assertEquals(1, assertInstanceOf(Claim.Owned.class, first).attempt());
    Claim second = store.claim(request, "sha-1", "r", Instant.now(), Duration.ofMinutes(1));
    assertEquals(2, assertInstanceOf(Claim.Owned.class, second).attempt());

    assertTrue(store.finish(request, 2, RunStatus.SUCCEEDED, "m", 1, 1, null, null, "{\"a\":2}"));
    assertFalse(store.finish(request, 1, RunStatus.FAILED, "m", 1, 1, "x", "y", "{\"a\":1}"));

    Claim.Finished finished = assertInstanceOf(Claim.Finished.class, claim(request, "sha-1"));
    assertEquals(RunStatus.SUCCEEDED, finished.status());
    assertEquals("{\"a\":2}", finished.resultJson());
  }

  private Claim claim(AgentRequest request, String sha256) throws SQLException {
    return store.claim(request, sha256, "agent.results.acme", Instant.now(), Duration.ofMinutes(1));
  }

  private String status(String runId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT status FROM runs WHERE run_id = ?")) {
      select.setString(1, runId);
      try (ResultSet row = select.executeQuery()) {
        assertTrue(row.next());
        return row.getString(1);
      }
    }
  }

  private AgentRequest parse(String runId) {
    return parse(runId, "acme");
  }

  private AgentRequest parse(String runId, String tenant) {
    return new RequestParser(mapper)
        .parse(
            request(runId, "support", "hello")
                .put("tenant", tenant)
                .encode()
                .getBytes(StandardCharsets.UTF_8));
  }

  private void execute(String sql, String runId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, runId);
      statement.executeUpdate();
    }
  }
}
