package io.agentic.platform.agentctl.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake gateway that records what it was sent and answers what the test sets. */
@QuarkusMainTest
class MemoryCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Call(String path, String authorization, String tenant, JsonNode body) {}

  private final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private volatile int status = 200;
  private volatile String answer = "{}";
  private HttpServer gateway;

  @TempDir Path dir;

  @BeforeEach
  void startGateway() throws IOException {
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/", this::answer);
    gateway.start();
  }

  @AfterEach
  void stopGateway() {
    gateway.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    calls.add(
        new Call(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("X-Tenant-ID"),
            JSON.readTree(exchange.getRequestBody())));
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private String url() {
    return "--gateway=http://127.0.0.1:" + gateway.getAddress().getPort();
  }

  @Test
  void searchPrintsTheMemoriesBestFirstAndSendsTheTenantHeaderInDevelopmentMode(
      QuarkusMainLauncher launcher) throws Exception {
    answer =
        """
        {"memories":[{"id":"1","summary":"likes soccer","score":0.93,"timestamp":"2025-02-01T10:00:00Z"},
                     {"id":"2","content":"lives in Lyon","score":0.5}]}""";
    LaunchResult result =
        launcher.launch(
            "memory",
            "search",
            url(),
            "--tenant=acme",
            "--user=alice",
            "--session=s-1",
            "--top-k=3",
            "--method=keyword",
            "sports");
    assertEquals(0, result.exitCode(), result.getErrorOutput());
    assertEquals(
        "1. [0.93] (2025-02-01T10:00:00Z) likes soccer\n2. [0.50] lives in Lyon",
        result.getOutput().strip());

    Call call = calls.take();
    assertEquals("/v1/memories/search", call.path());
    assertEquals("acme", call.tenant());
    assertNull(call.authorization());
    assertEquals("sports", call.body().path("query").asText());
    assertEquals("keyword", call.body().path("method").asText());
    assertEquals(3, call.body().path("top_k").asInt());
    assertEquals("alice", call.body().path("filters").path("user_id").asText());
    assertEquals("s-1", call.body().path("filters").path("session_id").asText());
  }

  @Test
  void storeSendsOneMessageWithTheBearerTokenFromItsFile(QuarkusMainLauncher launcher)
      throws Exception {
    answer = "{\"accepted\":1,\"status\":\"accumulated\"}";
    Path token = Files.writeString(dir.resolve("token"), "the-jwt\n");
    LaunchResult result =
        launcher.launch(
            "memory",
            "store",
            url(),
            "--token-file=" + token,
            "--user=alice",
            "--message-id=m-1",
            "I",
            "love",
            "soccer");
    assertEquals(0, result.exitCode(), result.getErrorOutput());
    assertEquals("stored 1 message (status accumulated)", result.getOutput().strip());

    Call call = calls.take();
    assertEquals("/v1/memories", call.path());
    assertEquals("Bearer the-jwt", call.authorization());
    assertNull(call.tenant());
    JsonNode message = call.body().path("messages").path(0);
    assertEquals("alice", call.body().path("user_id").asText());
    assertEquals("m-1", message.path("message_id").asText());
    assertEquals("I love soccer", message.path("content").asText());
    assertEquals("user", message.path("role").asText());
    assertTrue(message.path("timestamp").asText().endsWith("Z"));
  }

  @Test
  void aRefusalIsOneLineWithTheProblemsDetail(QuarkusMainLauncher launcher) {
    status = 400;
    answer =
        "{\"type\":\"https://agentic.io/problems/invalid-request\",\"title\":\"Bad\","
            + "\"status\":400,\"detail\":\"filters.user_id is invalid\"}";
    LaunchResult result =
        launcher.launch("memory", "search", url(), "--tenant=acme", "--user=alice", "x");
    assertEquals(1, result.exitCode());
    assertEquals(
        "agentctl: the memory-gateway answered 400 invalid-request: filters.user_id is invalid",
        result.getErrorOutput().strip());
  }

  @Test
  void anUnreachableGatewayOrMissingTenantIsOneLine(QuarkusMainLauncher launcher) {
    LaunchResult down =
        launcher.launch(
            "memory", "search", "--gateway=http://127.0.0.1:1", "--tenant=acme", "--user=a", "x");
    assertEquals(4, down.exitCode());
    assertTrue(
        down.getErrorOutput().startsWith("agentctl: cannot reach the memory-gateway at "),
        down.getErrorOutput());
    assertEquals(1, down.getErrorOutput().strip().lines().count());
    assertTrue(down.getErrorOutput().contains("(connection refused)"), down.getErrorOutput());

    LaunchResult anonymous = launcher.launch("memory", "search", url(), "--user=a", "x");
    assertEquals(2, anonymous.exitCode());
    assertTrue(anonymous.getErrorOutput().contains("--tenant"), anonymous.getErrorOutput());
  }
}
