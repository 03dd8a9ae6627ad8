package io.agentic.platform.executor.run;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.ExecutorTestResource;
import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.FakeMemoryGateway;
import io.agentic.platform.executor.fake.FakeMemoryGateway.Down;
import io.agentic.platform.executor.fake.FakeMemoryGateway.Fails;
import io.agentic.platform.executor.fake.FakeMemoryGateway.Slow;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.impl.Headers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs against the fake memory-gateway: memories reach the prompt, turns are stored once under ids
 * derived from the run id, and a gateway that fails never fails a run.
 */
@QuarkusTest
class MemoryPipelineTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  static final Duration WAIT = Duration.ofSeconds(15);

  FakeLlm llm;
  FakeMemoryGateway gateway;
  @Inject MeterRegistry registry;
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
  void recalledMemoriesFollowTheProfilePromptAsOneSystemMessage() throws Exception {
    String runId = newRunId();
    String user = "u-" + runId;
    String session = "s-" + runId;
    gateway.remember(
        user,
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "m-1")
                    .put("memory_type", "episodic_memory")
                    .put("timestamp", "2025-02-01T10:00:00Z")
                    .put("summary", "Prefers answers by email")
                    .put("content", "A long account of the conversation")
                    .put("score", 0.93))
            .add(new JsonObject().put("id", "m-2").put("content", "Order 1234 was late")));
    Inbox results = listen(runId);
    Headers trace = new Headers();
    trace.put("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    nats.publishRequest(
        request(runId, "recall", "where is my order? " + runId)
            .put("userId", user)
            .put("sessionId", session)
            .put("replyTo", reply(runId))
            .encode(),
        trace);

    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    JsonArray prompt = llm.callsWith(runId).get(0).body().getJsonArray("messages");
    assertEquals(3, prompt.size(), prompt.encode());
    assertEquals(
        new JsonObject().put("role", "system").put("content", "You remember."), at(prompt, 0));
    JsonObject memories = at(prompt, 1);
    assertEquals("system", memories.getString("role"));
    assertEquals(
        PromptAssembly.MEMORY_HEADER
            + "\n- (2025-02-01T10:00:00Z) Prefers answers by email"
            + "\n- Order 1234 was late",
        memories.getString("content"));
    assertEquals("where is my order? " + runId, at(prompt, 2).getString("content"));

    FakeMemoryGateway.Call search = gateway.searches(runId).get(0);
    assertEquals(200, search.status());
    assertEquals(
        "Bearer " + ExecutorTestResource.MEMORY_TOKEN, search.headers().get("authorization"));
    assertEquals("acme", search.headers().get("x-tenant-id"));
    String searchTrace = search.headers().get("traceparent");
    assertNotNull(searchTrace, "the search carries trace context");
    assertEquals(TRACE_ID, searchTrace.split("-")[1], "the search continues the request's trace");
    assertEquals(
        new JsonObject()
            .put("query", "where is my order? " + runId)
            .put("method", "hybrid")
            .put("top_k", 3)
            .put("filters", new JsonObject().put("user_id", user).put("session_id", session)),
        search.body());
  }

  @Test
  void theTurnIsStoredUnderRunIdsBeforeTheResultIsPublished() throws Exception {
    String runId = newRunId();
    String user = "u-" + runId;
    Inbox results = listen(runId);
    Instant sent = Instant.now();
    JsonObject request =
        request(runId, "recall", "remember my size is 42 " + runId)
            .put("userId", user)
            .put("sessionId", "s-" + runId)
            .put("replyTo", reply(runId));
    request.getJsonArray("messages").add(0, message("system", "answer briefly"));
    nats.publishRequest(request.encode());

    JsonObject result = results.nextJson(WAIT);
    assertEquals("succeeded", result.getString("status"));
    // Read at once: the store is done before the result goes out.
    List<FakeMemoryGateway.Call> stores = gateway.stores(runId);
    assertEquals(1, stores.size());
    FakeMemoryGateway.Call store = stores.get(0);
    assertEquals(200, store.status());
    assertEquals(
        "Bearer " + ExecutorTestResource.MEMORY_TOKEN, store.headers().get("authorization"));
    assertEquals("acme", store.headers().get("x-tenant-id"));
    assertEquals(user, store.body().getString("user_id"));
    assertEquals("s-" + runId, store.body().getString("session_id"));
    JsonArray messages = store.body().getJsonArray("messages");
    assertEquals(2, messages.size(), "the system message is not part of the turn");
    JsonObject asked = messages.getJsonObject(0);
    assertEquals(runId + ":in:1", asked.getString("message_id"));
    assertEquals("user", asked.getString("role"));
    assertEquals(user, asked.getString("sender_id"));
    assertEquals("remember my size is 42 " + runId, asked.getString("content"));
    JsonObject answered = messages.getJsonObject(1);
    assertEquals(runId + ":out", answered.getString("message_id"));
    assertEquals("assistant", answered.getString("role"));
    assertEquals("recall", answered.getString("sender_id"));
    assertEquals(result.getString("output"), answered.getString("content"));
    Instant askedAt = OffsetDateTime.parse(asked.getString("timestamp")).toInstant();
    Instant answeredAt = OffsetDateTime.parse(answered.getString("timestamp")).toInstant();
    assertTrue(!askedAt.isBefore(sent.minusSeconds(1)) && !answeredAt.isBefore(askedAt));
  }

  @Test
  void aDuplicateRunStoresNothingTwice() throws Exception {
    String runId = newRunId();
    Inbox results = listen(runId);
    String request =
        request(runId, "recall", "once " + runId)
            .put("userId", "u-" + runId)
            .put("replyTo", reply(runId))
            .encode();
    nats.publishRequest(request);
    JsonObject first = results.nextJson(WAIT);
    nats.publishRequest(request);
    JsonObject second = results.nextJson(WAIT);

    assertEquals(first, second, "the duplicate is answered from the stored run");
    assertEquals(1, gateway.stores(runId).size());
    assertEquals(1, gateway.searches(runId).size());
    assertEquals(1, llm.callsWith(runId).size());
  }

  @Test
  void aSlowOrFailingGatewayLeavesTheRunWithoutMemoriesButSucceeding() throws Exception {
    String runId = newRunId();
    gateway.remember("u-" + runId, new JsonArray().add(new JsonObject().put("summary", "hidden")));
    gateway.trouble(new Slow("slow " + runId, Duration.ofSeconds(6)));
    gateway.trouble(new Fails(runId + ":out", 503));
    double timeouts = count("search", "timeout");
    double serverErrors = count("store", "server_error");
    Inbox results = listen(runId);
    nats.publishRequest(
        request(runId, "recall", "slow " + runId)
            .put("userId", "u-" + runId)
            .put("replyTo", reply(runId))
            .encode());

    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    JsonArray prompt = llm.callsWith(runId).get(0).body().getJsonArray("messages");
    assertEquals(2, prompt.size(), "system prompt and user message only: " + prompt.encode());
    assertEquals(timeouts + 1, count("search", "timeout"));
    assertEquals(serverErrors + 1, count("store", "server_error"));
    assertEquals(503, gateway.stores(runId).get(0).status());
  }

  @Test
  void aGatewayThatIsDownLeavesTheRunSucceeding() throws Exception {
    String runId = newRunId();
    gateway.trouble(new Down("down " + runId));
    gateway.trouble(new Down(runId + ":out"));
    double unreachable = count("search", "unreachable");
    double storesUnreachable = count("store", "unreachable");
    Inbox results = listen(runId);
    nats.publishRequest(
        request(runId, "recall", "down " + runId)
            .put("userId", "u-" + runId)
            .put("replyTo", reply(runId))
            .encode());

    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    assertEquals(unreachable + 1, count("search", "unreachable"));
    assertEquals(storesUnreachable + 1, count("store", "unreachable"));
    assertEquals(0, gateway.stores(runId).get(0).status(), "the gateway never answered");
  }

  @Test
  void aProfileDecidesWhatARequestMaySetAboutMemory() throws Exception {
    String refused = newRunId();
    Inbox dead = nats.listen(NatsTestClient.deadLetters("acme"));
    nats.publishRequest(
        request(refused, "support", "hi " + refused)
            .put("userId", "u-1")
            .put("memory", new JsonObject().put("retrieve", true))
            .encode());
    JsonObject record = dead.nextDeadLetterContaining(refused, WAIT);
    assertEquals("option_not_allowed", record.getString("reason"));
    assertTrue(record.getString("detail").contains("memory.retrieve"), record.getString("detail"));
    assertTrue(gateway.searches(refused).isEmpty());

    String allowed = newRunId();
    Inbox results = listen(allowed);
    nats.publishRequest(
        request(allowed, "memo", "hi " + allowed)
            .put("userId", "u-" + allowed)
            .put("replyTo", reply(allowed))
            .put(
                "memory",
                new JsonObject().put("retrieve", true).put("topK", 7).put("method", "keyword"))
            .encode());
    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    JsonObject search = gateway.searches(allowed).get(0).body();
    assertEquals(7, search.getInteger("top_k"));
    assertEquals("keyword", search.getString("method"));
    assertTrue(search.getJsonObject("filters").getString("session_id") == null);
    assertTrue(
        gateway.stores(allowed).isEmpty(), "the profile does not store, nor did the request");
  }

  @Test
  void runsOfAnotherTenantThanTheTokensGetNoMemory() throws Exception {
    String runId = newRunId();
    double searches = count("search", "tenant_mismatch");
    double stores = count("store", "tenant_mismatch");
    Inbox results = nats.listen(NatsTestClient.reply("globex", runId));
    nats.publishRequest(
        request(runId, "recall", "hi " + runId)
            .put("tenant", "globex")
            .put("userId", "u-" + runId)
            .put("replyTo", NatsTestClient.reply("globex", runId))
            .encode());

    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    assertTrue(gateway.searches(runId).isEmpty());
    assertTrue(gateway.stores(runId).isEmpty());
    assertEquals(searches + 1, count("search", "tenant_mismatch"));
    assertEquals(stores + 1, count("store", "tenant_mismatch"));
  }

  @Test
  void runsWithoutAUserLeaveMemoryAlone() throws Exception {
    String runId = newRunId();
    Inbox results = listen(runId);
    nats.publishRequest(
        request(runId, "recall", "hi " + runId).put("replyTo", reply(runId)).encode());

    assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    assertTrue(gateway.searches(runId).isEmpty());
    assertTrue(gateway.stores(runId).isEmpty());
    assertNotNull(llm.callsWith(runId).get(0));
  }

  private Inbox listen(String runId) throws Exception {
    return nats.listen(reply(runId));
  }

  private static String reply(String runId) {
    return NatsTestClient.reply(runId);
  }

  private static JsonObject at(JsonArray array, int index) {
    return array.getJsonObject(index);
  }

  private static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }

  private double count(String operation, String outcome) {
    Counter counter =
        registry
            .find("agent_executor.memory.calls")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
