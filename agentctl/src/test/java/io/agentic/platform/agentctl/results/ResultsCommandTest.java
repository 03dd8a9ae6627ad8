package io.agentic.platform.agentctl.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class ResultsCommandTest {

  @Test
  void followsTheTenantsResultsAndNoOneElses(QuarkusMainLauncher launcher) throws Exception {
    String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    CompletableFuture<LaunchResult> following =
        CompletableFuture.supplyAsync(
            () -> launcher.launch("results", "--tenant=" + tenant, "--count=2"));
    try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
      // The follower subscribes at some point after it starts: keep publishing until it has its
      // two results. Another tenant's result is published each round and must never show.
      int round = 0;
      while (!following.isDone()) {
        round++;
        publish(nats, "agent.results.other-" + tenant, event("theirs-" + round, "succeeded"));
        publish(nats, "agent.results." + tenant, event("mine-" + round, "succeeded"));
        publish(nats, "agent.results." + tenant + ".run-" + round, event("below-" + round, "dead"));
        try {
          following.get(300, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillFollowing) {
          // the next round publishes again
        }
      }
    }
    LaunchResult result = following.get(30, TimeUnit.SECONDS);
    assertEquals(0, result.exitCode(), result.getErrorOutput());
    List<String> lines = result.getOutput().lines().toList();
    assertEquals(2, lines.size(), result.getOutput());
    for (String line : lines) {
      assertTrue(line.matches("(succeeded  run mine-\\d+|dead  run below-\\d+)  agent a .*"), line);
    }
  }

  private static void publish(Connection nats, String subject, String body) {
    nats.publish(subject, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String event(String runId, String status) {
    return "{\"version\":1,\"runId\":\""
        + runId
        + "\",\"agent\":\"a\",\"status\":\""
        + status
        + "\",\"output\":\"hello\",\"error\":{\"code\":\"x\",\"message\":\"y\"}}";
  }
}
