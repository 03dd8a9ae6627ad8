package io.agentic.platform.agentctl.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.agentctl.fake.FakeExecutor;
import io.nats.client.Message;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class RequestCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSucceededRunIsPrintedWithItsFiguresAndExitsZero(QuarkusMainLauncher launcher)
      throws Exception {
    try (var executor = new FakeExecutor(r -> FakeExecutor.succeeded(r, "Your order ships."))) {
      LaunchResult result =
          launcher.launch(
              "request",
              "--tenant=acme",
              "--agent=support",
              "--session=conv-42",
              "--user=u-1",
              "--memory",
              "--subject=" + executor.subject("acme"),
              "Where is",
              "my order?");

      assertEquals(0, result.exitCode(), result.getErrorOutput());
      String out = result.getOutput();
      assertTrue(out.startsWith("succeeded  run "), out);
      assertTrue(out.contains("(tenant acme, agent support)"), out);
      assertTrue(out.contains("\nYour order ships.\n"), out);
      assertTrue(out.contains("model fake-model-1 · tokens 12 in / 5 out · llm 7 ms"), out);

      Message sent = executor.nextRequest();
      JsonNode request = JSON.readTree(sent.getData());
      String runId = request.path("runId").asText();
      assertTrue(out.contains("run " + runId), out);
      assertEquals(1, request.path("version").asInt());
      assertEquals("acme", request.path("tenant").asText());
      assertEquals("support", request.path("agent").asText());
      assertEquals("conv-42", request.path("sessionId").asText());
      assertEquals("u-1", request.path("userId").asText());
      assertEquals("Where is my order?", request.path("messages").path(0).path("content").asText());
      assertEquals("user", request.path("messages").path(0).path("role").asText());
      assertTrue(request.path("memory").path("retrieve").asBoolean());
      assertTrue(request.path("memory").path("store").asBoolean());
      assertEquals("agent.results.acme." + runId, request.path("replyTo").asText());
      // The run id is the JetStream message id, and a trace the output names is started.
      assertEquals(runId, sent.getHeaders().getFirst("Nats-Msg-Id"));
      String traceparent = sent.getHeaders().getFirst("traceparent");
      assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), traceparent);
      assertTrue(out.contains("trace " + traceparent.substring(3, 35)), out);
    }
  }

  @Test
  void aDeadRunPrintsItsErrorAndExitsOne(QuarkusMainLauncher launcher) throws Exception {
    try (var executor =
        new FakeExecutor(r -> FakeExecutor.dead(r, "unknown_agent", "no profile nope"))) {
      LaunchResult result =
          launcher.launch(
              "request",
              "--tenant=acme",
              "--agent=nope",
              "--subject=" + executor.subject("acme"),
              "hi");
      assertEquals(1, result.exitCode());
      assertTrue(result.getOutput().startsWith("dead  run "), result.getOutput());
      assertTrue(
          result.getOutput().contains("error unknown_agent: no profile nope"), result.getOutput());
    }
  }

  @Test
  void jsonPrintsTheEventAsItArrived(QuarkusMainLauncher launcher) throws Exception {
    try (var executor = new FakeExecutor(r -> FakeExecutor.succeeded(r, "ok"))) {
      LaunchResult result =
          launcher.launch(
              "request",
              "--tenant=acme",
              "--agent=support",
              "--run-id=run-json-1",
              "--json",
              "--subject=" + executor.subject("acme"),
              "hi");
      assertEquals(0, result.exitCode());
      JsonNode event = JSON.readTree(result.getOutput());
      assertEquals("run-json-1", event.path("runId").asText());
      assertEquals("ok", event.path("output").asText());
    }
  }

  @Test
  void resultsOfOtherRunsOnTheReplySubjectAreIgnored(QuarkusMainLauncher launcher)
      throws Exception {
    try (var executor =
        new FakeExecutor(
            r -> {
              // Another run's result first, on the same reply subject: not ours to print.
              var other = ((com.fasterxml.jackson.databind.node.ObjectNode) r.deepCopy());
              other.put("runId", "someone-else");
              return FakeExecutor.succeeded(other, "not yours");
            })) {
      LaunchResult result =
          launcher.launch(
              "request",
              "--tenant=acme",
              "--agent=support",
              "--wait=1s",
              "--subject=" + executor.subject("acme"),
              "hi");
      assertEquals(3, result.exitCode());
      assertFalse(result.getOutput().contains("not yours"));
    }
  }

  @Test
  void noAnswerWithinTheWaitExitsThreeWithOneLine(QuarkusMainLauncher launcher) throws Exception {
    try (var executor = new FakeExecutor(r -> null)) {
      long started = System.nanoTime();
      LaunchResult result =
          launcher.launch(
              "request",
              "--tenant=acme",
              "--agent=support",
              "--wait=1s",
              "--subject=" + executor.subject("acme"),
              "hi");
      assertEquals(3, result.exitCode());
      assertTrue(System.nanoTime() - started < 10_000_000_000L, "waited far longer than --wait");
      assertOneLine(result, "agentctl: no result for run ");
      assertTrue(result.getErrorOutput().contains("within 1s"), result.getErrorOutput());
    }
  }

  @Test
  void aSubjectNoStreamTakesExitsFour(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch(
            "request",
            "--tenant=acme",
            "--agent=support",
            "--subject=agentctl-test-nobody-listens.acme",
            "hi");
    assertEquals(4, result.exitCode());
    assertOneLine(
        result, "agentctl: no JetStream stream takes subject agentctl-test-nobody-listens.acme");
  }

  @Test
  void natsDownExitsFourWithOneLine(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch(
            "request", "--tenant=acme", "--agent=support", "--nats=nats://127.0.0.1:1", "hi");
    assertEquals(4, result.exitCode());
    assertOneLine(result, "agentctl: cannot reach NATS at nats://127.0.0.1:1");
  }

  @Test
  void badUsageExitsTwoWithOneLine(QuarkusMainLauncher launcher) {
    String[][] cases = {
      {"request", "--tenant=acme", "--agent=support", "--bogus", "hi"},
      {"request", "--tenant=acme", "--agent=support", " "},
      {"request", "--tenant=acme", "--agent=support"},
      {"request", "--agent=support", "hi"},
      {"request", "--tenant=acme.other", "--agent=support", "hi"},
      {"request", "--tenant=acme", "--agent=sup port", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--memory", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--wait=soon", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--subject=agent.requests.*", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--subject=agent.requests.>", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--subject=agent..acme", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--subject=agent requests", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--subject=", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--nats=http://127.0.0.1:4222", "hi"},
      {"request", "--tenant=acme", "--agent=support", "--nats=nats://[::1", "hi"},
      {"nonsense"},
    };
    for (String[] args : cases) {
      LaunchResult result = launcher.launch(args);
      assertEquals(2, result.exitCode(), String.join(" ", args));
      assertOneLine(result, "agentctl: ");
    }
  }

  private static void assertOneLine(LaunchResult result, String startsWith) {
    String err = result.getErrorOutput();
    assertTrue(err.startsWith(startsWith), err);
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(err.contains("Exception"), err);
  }
}
