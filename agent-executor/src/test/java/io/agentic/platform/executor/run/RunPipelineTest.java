package io.agentic.platform.executor.run;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.ExecutorTestResource;
import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.agentic.platform.executor.publish.ResultPublisher;
import io.agentic.platform.executor.session.SessionContext;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ExecutorTestResource.class)
class RunPipelineTest {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  FakeLlm llm;
  @Inject DataSource dataSource;
  @Inject RedisDataSource redis;
  NatsTestClient nats;

  @BeforeEach
  void connect() throws Exception {
    nats = new NatsTestClient();
  }

  @AfterEach
  void close() throws Exception {
    llm.release();
    nats.close();
  }

  @Test
  void happyPathPublishesResultStoresRunAndSession() throws Exception {
    String runId = newRunId();
    String session = "s-" + runId;
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Headers headers = new Headers();
    headers.put("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    nats.publishRequest(
        request(runId, "support", "where is my order? " + runId)
            .put("sessionId", session)
            .put("userId", "u-1")
            .put("replyTo", reply)
            .encode(),
        headers);

    Message message = results.next(WAIT);
    JsonObject result = new JsonObject(new String(message.getData(), StandardCharsets.UTF_8));
    assertEquals("succeeded", result.getString("status"));
    assertEquals(runId, result.getString("runId"));
    assertEquals("echo: where is my order? " + runId, result.getString("output"));
    assertEquals(13, result.getJsonObject("usage").getInteger("inputTokens"));
    assertEquals(5, result.getJsonObject("usage").getInteger("outputTokens"));
    assertEquals(1, result.getInteger("attempts"));
    assertNotNull(result.getJsonObject("timings").getLong("llmMs"));
    assertEquals(runId, message.getHeaders().getFirst(ResultPublisher.RUN_ID_HEADER));
    String traceparent = message.getHeaders().getFirst("traceparent");
    assertNotNull(traceparent, "the result carries trace context");
    assertEquals(TRACE_ID, traceparent.split("-")[1], "the result continues the request's trace");

    FakeLlm.Call call = llm.callsWith(runId).get(0);
    assertEquals("/v1/chat/completions", call.path());
    assertEquals("Bearer sk-test-openai", call.headers().get("authorization"));
    String llmTrace = call.headers().get("traceparent");
    assertNotNull(llmTrace, "the LLM call carries trace context");
    assertEquals(TRACE_ID, llmTrace.split("-")[1], "the LLM call continues the request's trace");
    assertEquals("gpt-test", call.body().getString("model"));
    assertEquals(0.2, call.body().getDouble("temperature"));
    JsonObject system = call.body().getJsonArray("messages").getJsonObject(0);
    assertEquals("system", system.getString("role"));
    assertEquals("You are a support agent.", system.getString("content"));

    Map<String, Object> row = row(runId);
    assertEquals("succeeded", row.get("status"));
    assertEquals(13, row.get("input_tokens"));
    assertEquals(5, row.get("output_tokens"));
    assertEquals("gpt-test", row.get("model"));
    assertEquals(1, row.get("attempts"));

    List<String> turns =
        redis.list(String.class).lrange(SessionContext.key("acme", session), 0, -1);
    assertEquals(2, turns.size());
    assertTrue(turns.get(0).contains("where is my order"));
    assertTrue(turns.get(1).contains("\"assistant\""));
    long ttl = redis.key().ttl(SessionContext.key("acme", session));
    assertTrue(ttl > 0, "the session expires");
  }

  @Test
  void sessionTurnsAreSentWithTheNextRun() throws Exception {
    String session = "s-" + newRunId();
    String reply = NatsTestClient.reply(session);
    Inbox results = nats.listen(reply);
    String first = newRunId();
    nats.publishRequest(
        request(first, "support", "first " + first)
            .put("sessionId", session)
            .put("replyTo", reply)
            .encode());
    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    String second = newRunId();
    nats.publishRequest(
        request(second, "support", "second " + second)
            .put("sessionId", session)
            .put("replyTo", reply)
            .encode());
    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));

    List<String> sent =
        llm.callsWith(second).get(0).body().getJsonArray("messages").stream()
            .map(m -> ((JsonObject) m).getString("content"))
            .toList();
    assertEquals(
        List.of(
            "You are a support agent.",
            "first " + first,
            "echo: first " + first,
            "second " + second),
        sent);
  }

  @Test
  void anthropicProfileSpeaksTheMessagesApi() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    nats.publishRequest(
        request(runId, "claude", "hello " + runId)
            .put("replyTo", reply)
            .put("model", new JsonObject().put("maxTokens", 300))
            .encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals("echo: hello " + runId, result.getString("output"));
    assertEquals(11, result.getJsonObject("usage").getInteger("inputTokens"));
    FakeLlm.Call call = llm.callsWith(runId).get(0);
    assertEquals("/v1/messages", call.path());
    assertEquals("sk-test-anthropic", call.headers().get("x-api-key"));
    assertEquals("2023-06-01", call.headers().get("anthropic-version"));
    assertEquals("You are Claude.", call.body().getString("system"));
    assertEquals(300, call.body().getInteger("max_tokens"));
    assertEquals("claude-test", call.body().getString("model"));
  }

  @Test
  void duplicateRunIdRepublishesTheStoredResultWithoutCallingTheLlmAgain() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    String request = request(runId, "support", "once " + runId).put("replyTo", reply).encode();
    nats.publishRequest(request);
    String first = new String(results.next(WAIT).getData(), StandardCharsets.UTF_8);
    nats.publishRequest(request);
    String second = new String(results.next(WAIT).getData(), StandardCharsets.UTF_8);

    // The same bytes, not only the same JSON: a requester may hash or sign what it receives.
    assertEquals(first, second);
    assertEquals(1, llm.callsWith(runId).size());
    assertEquals(1, row(runId).get("attempts"));
  }

  @Test
  void anotherTenantsRequestWithTheSameRunIdIsARunOfItsOwn() throws Exception {
    String runId = newRunId();
    Inbox acme = nats.listen(NatsTestClient.reply("acme", runId));
    Inbox globex = nats.listen(NatsTestClient.reply("globex", runId));
    nats.publishRequest(
        request(runId, "support", "mine " + runId)
            .put("replyTo", NatsTestClient.reply("acme", runId))
            .encode());
    assertEquals("echo: mine " + runId, acme.nextJson(WAIT).getString("output"));

    nats.publishRequest(
        request(runId, "support", "theirs " + runId)
            .put("tenant", "globex")
            .put("replyTo", NatsTestClient.reply("globex", runId))
            .encode());
    JsonObject theirs = globex.nextJson(WAIT);
    assertEquals("globex", theirs.getString("tenant"));
    assertEquals("echo: theirs " + runId, theirs.getString("output"));
    assertEquals(2, llm.callsWith(runId).size());
  }

  @Test
  void aResendOfARunIdWithAnotherBodyIsDeadLetteredAndLeavesTheRunAlone() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    nats.publishRequest(request(runId, "support", "first " + runId).put("replyTo", reply).encode());
    JsonObject first = results.nextJson(WAIT);
    assertEquals("succeeded", first.getString("status"));

    nats.publishRequest(
        request(runId, "support", "second " + runId).put("replyTo", reply).encode());
    JsonObject record = deadLetterOf(dead, runId);
    assertEquals("run_id_conflict", record.getString("reason"));
    assertEquals("dead", results.nextJson(WAIT).getString("status"));
    assertEquals(1, llm.callsWith(runId).size());
    assertEquals("succeeded", row(runId).get("status"));

    // The request the run was made for is still answered from the run.
    nats.publishRequest(request(runId, "support", "first " + runId).put("replyTo", reply).encode());
    assertEquals(first, results.nextJson(WAIT));
  }

  @Test
  void aResendRefusedBeforeItsClaimDoesNotEndTheRunningRun() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    llm.holdCalls(runId);
    nats.publishRequest(request(runId, "support", "slow " + runId).put("replyTo", reply).encode());
    awaitStatus(runId, "running");

    nats.publishRequest(
        request(runId, "support", "slow " + runId)
            .put("replyTo", reply)
            .put("deadline", "2020-01-01T00:00:00Z")
            .encode());
    assertEquals("deadline_exceeded", deadLetterOf(dead, runId).getString("reason"));
    assertEquals("running", row(runId).get("status"));

    llm.release();
    JsonObject result;
    do {
      result = results.nextJson(WAIT);
    } while (!"succeeded".equals(result.getString("status")));
    assertEquals("succeeded", row(runId).get("status"));
  }

  private static JsonObject deadLetterOf(Inbox dead, String runId) throws Exception {
    while (true) {
      JsonObject record = dead.nextJson(WAIT);
      if (runId.equals(record.getString("runId"))) {
        return record;
      }
    }
  }

  private void awaitStatus(String runId, String status) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!status.equals(statusOf(runId))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("run " + runId + " never became " + status);
      }
      Thread.sleep(20);
    }
  }

  private String statusOf(String runId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT status FROM runs WHERE run_id = ?")) {
      s.setString(1, runId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Test
  void malformedJsonIsDeadLetteredWithReasonAndPayload() throws Exception {
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    byte[] payload = ("{not json " + newRunId()).getBytes(StandardCharsets.UTF_8);
    nats.publishRequest(payload, new Headers());

    Message message = dead.next(WAIT);
    JsonObject record = new JsonObject(new String(message.getData(), StandardCharsets.UTF_8));
    assertEquals("malformed_json", record.getString("reason"));
    assertEquals("malformed_json", message.getHeaders().getFirst(ResultPublisher.REASON_HEADER));
    assertEquals(Base64.getEncoder().encodeToString(payload), record.getString("payloadBase64"));
    assertEquals(NatsTestClient.config("nats.stream-name"), record.getString("stream"));
    assertTrue(record.getLong("streamSequence") > 0);
  }

  @Test
  void schemaViolationNamesTheField() throws Exception {
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    String marker = newRunId();
    JsonObject bad = request(marker, "support", "hi");
    bad.remove("tenant");
    nats.publishRequest(bad.encode());

    JsonObject record = dead.nextDeadLetterContaining(marker, WAIT);
    assertEquals("schema_violation", record.getString("reason"));
    assertEquals("tenant is required", record.getString("detail"));
  }

  @Test
  void unknownAgentIsDeadLetteredAndTheRequesterHearsAboutIt() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    nats.publishRequest(request(runId, "nobody", "hi").put("replyTo", reply).encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("dead", result.getString("status"));
    assertEquals("unknown_agent", result.getJsonObject("error").getString("code"));
    JsonObject record = dead.nextDeadLetterContaining(runId, WAIT);
    assertEquals("unknown_agent", record.getString("reason"));
    assertEquals(runId, record.getString("runId"));
    assertEquals("dead", row(runId).get("status"));
    assertTrue(llm.callsWith(runId).isEmpty());
  }

  @Test
  void overridingAnOptionTheProfileDoesNotAllowIsRejected() throws Exception {
    String runId = newRunId();
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    nats.publishRequest(
        request(runId, "support", "hi " + runId)
            .put("model", new JsonObject().put("model", "gpt-expensive"))
            .encode());
    JsonObject record = dead.nextDeadLetterContaining(runId, WAIT);
    assertEquals("option_not_allowed", record.getString("reason"));

    String allowed = newRunId();
    String reply = NatsTestClient.reply(allowed);
    Inbox results = nats.listen(reply);
    nats.publishRequest(
        request(allowed, "open", "hi " + allowed)
            .put("replyTo", reply)
            .put("model", new JsonObject().put("model", "gpt-other"))
            .encode());
    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    assertEquals("gpt-other", llm.callsWith(allowed).get(0).body().getString("model"));
  }

  @Test
  void passedDeadlineIsDeadLetteredWithoutCallingTheLlm() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    nats.publishRequest(
        request(runId, "support", "late " + runId)
            .put("replyTo", reply)
            .put("deadline", Instant.now().minusSeconds(1).toString())
            .encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("dead", result.getString("status"));
    assertEquals("deadline_exceeded", result.getJsonObject("error").getString("code"));
    assertEquals(
        "deadline_exceeded", dead.nextDeadLetterContaining(runId, WAIT).getString("reason"));
    assertTrue(llm.callsWith(runId).isEmpty());
  }

  @Test
  void rateLimitedCallIsRetriedAfterRetryAfter() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    llm.script(runId, 429, Map.of("Retry-After", "1"), "{\"error\":{\"type\":\"rate_limit\"}}");
    nats.publishRequest(request(runId, "support", "busy " + runId).put("replyTo", reply).encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals(2, llm.callsWith(runId).size());
    assertTrue(
        result.getJsonObject("timings").getLong("llmMs") >= 1000,
        "the second attempt waited for Retry-After");
    assertEquals(1, result.getInteger("attempts"), "retried within one delivery");
  }

  @Test
  void anAnswerOverTheLimitIsRefusedAsItArrivesNotWhenItEnds() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    llm.streamEndlessly(runId);
    nats.publishRequest(request(runId, "support", "flood " + runId).put("replyTo", reply).encode());

    // The body never ends: reading it whole would wait for the LLM timeout (60 s) holding all of
    // it.
    JsonObject result = results.nextJson(WAIT);
    assertEquals("failed", result.getString("status"));
    assertEquals("llm_rejected", result.getJsonObject("error").getString("code"));
    assertTrue(result.getJsonObject("error").getString("message").contains("exceeds 262144 bytes"));
    assertEquals(1, llm.callsWith(runId).size());
  }

  @Test
  void aProviderFailingManyTimesInARowIsWaitedOutWithinOneDelivery() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    for (int i = 0; i < 10; i++) {
      llm.script(runId, 429, Map.of("Retry-After", "0"), "{\"error\":{\"type\":\"rate_limit\"}}");
    }
    nats.publishRequest(
        request(runId, "support", "patient " + runId).put("replyTo", reply).encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals(11, llm.callsWith(runId).size());
    assertEquals(1, result.getInteger("attempts"), "never handed back to NATS");
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    llm.script(runId, 500, Map.of(), "{\"error\":\"boom\"}");
    llm.script(
        runId, 529, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}");
    nats.publishRequest(request(runId, "claude", "flaky " + runId).put("replyTo", reply).encode());

    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    assertEquals(3, llm.callsWith(runId).size());
  }

  @Test
  void rejectedLlmRequestFailsTheRunAndDeadLettersIt() throws Exception {
    String runId = newRunId();
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    llm.script(runId, 400, Map.of(), "{\"error\":{\"message\":\"context too long\"}}");
    nats.publishRequest(request(runId, "support", "huge " + runId).put("replyTo", reply).encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("failed", result.getString("status"));
    assertEquals("llm_rejected", result.getJsonObject("error").getString("code"));
    assertTrue(result.getJsonObject("error").getString("message").contains("HTTP 400"));
    assertEquals("llm_rejected", dead.nextDeadLetterContaining(runId, WAIT).getString("reason"));
    assertEquals("failed", row(runId).get("status"));
    assertEquals(1, llm.callsWith(runId).size());
  }

  @Test
  void runLeftBehindByACrashedReplicaIsTakenOverAfterItsLease() throws Exception {
    String runId = newRunId();
    // What a replica that died mid-run leaves: the run is running, its lease not yet over.
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO runs (run_id, tenant, agent, status, attempts, lease_until, started_at)"
                    + " VALUES (?, 'acme', 'support', 'running', 1, now() + interval '2 seconds',"
                    + " now())")) {
      s.setString(1, runId);
      s.executeUpdate();
    }
    String reply = NatsTestClient.reply(runId);
    Inbox results = nats.listen(reply);
    Instant published = Instant.now();
    nats.publishRequest(request(runId, "support", "again " + runId).put("replyTo", reply).encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    assertEquals(2, result.getInteger("attempts"));
    assertTrue(
        Duration.between(published, Instant.now()).toMillis() >= 1500,
        "nobody took the run while its lease lasted");
    assertEquals(1, llm.callsWith(runId).size());
    assertTrue(results.messages().isEmpty(), "one result only");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> results.messages().isEmpty());
  }

  private Map<String, Object> row(String runId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT status, attempts, model, input_tokens, output_tokens FROM runs WHERE run_id = ?")) {
      s.setString(1, runId);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next(), "run " + runId + " is stored");
        java.util.HashMap<String, Object> row = new java.util.HashMap<>();
        row.put("status", r.getString(1));
        row.put("attempts", r.getInt(2));
        row.put("model", r.getString(3));
        row.put("input_tokens", r.getObject(4));
        row.put("output_tokens", r.getObject(5));
        assertFalse(r.next());
        return row;
      }
    }
  }
}
