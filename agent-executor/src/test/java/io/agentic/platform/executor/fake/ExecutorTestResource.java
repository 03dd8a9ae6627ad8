package io.agentic.platform.executor.fake;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the fake LLM and the fake memory-gateway, and gives each test run a stream, consumer and
 * subjects of its own on the local NATS server, so runs never see each other's messages.
 */
public class ExecutorTestResource implements QuarkusTestResourceLifecycleManager {

  /** What the executor authenticates to the memory-gateway with: a token for tenant acme. */
  public static final String MEMORY_TOKEN = Tokens.forTenant("acme");

  private FakeLlm llm;
  private FakeMemoryGateway memory;
  private Path tokenFile;
  private String stream;

  @Override
  public Map<String, String> start() {
    try {
      llm = new FakeLlm();
      memory = new FakeMemoryGateway();
      tokenFile = Files.createTempFile("memory-gateway-token", "");
      Files.writeString(tokenFile, MEMORY_TOKEN + "\n");
    } catch (Exception e) {
      throw new IllegalStateException("fakes did not start", e);
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    stream = "AE_TEST_" + id.toUpperCase();
    TestSubjects subjects = TestSubjects.of(id);
    Map<String, String> config = new HashMap<>();
    config.put("nats.stream-name", stream);
    config.put("nats.stream-subjects", subjects.requests() + ".>");
    config.put("executor.requests-prefix", subjects.requests());
    config.put("nats.consumer-group", "ae-test-" + id);
    config.put("nats.ack-wait", "6s");
    config.put("executor.results-prefix", subjects.results());
    config.put("executor.dead-letter-prefix", subjects.deadLetters());
    config.put("executor.concurrency", "4");
    config.put("executor.lag-cache", "50ms");
    config.put("executor.redelivery-backoff-initial", "200ms");
    config.put("executor.redelivery-backoff-max", "1s");
    config.put("llm.base-url", llm.baseUrl());
    config.put("llm.backoff-initial", "100ms");
    config.put("llm.max-response-bytes", "262144");
    config.put("openai.api-key", "sk-test-openai");
    config.put("anthropic.api-key", "sk-test-anthropic");
    config.put("executor.agents.default.provider", "openai");
    config.put("executor.agents.default.model", "gpt-test");
    config.put("executor.agents.support.system-prompt", "You are a support agent.");
    config.put("executor.agents.support.temperature", "0.2");
    config.put("executor.agents.claude.provider", "anthropic");
    config.put("executor.agents.claude.model", "claude-test");
    config.put("executor.agents.claude.system-prompt", "You are Claude.");
    config.put("executor.agents.open.overridable", "model,temperature,max-tokens");
    config.put("memory-gateway.url", memory.baseUrl());
    config.put("memory-gateway.token-file", tokenFile.toString());
    // Short enough for the slow-gateway tests, long enough for a loaded test machine.
    config.put("memory-gateway.search-timeout", "1500ms");
    config.put("memory-gateway.store-timeout", "2s");
    config.put("executor.agents.recall.system-prompt", "You remember.");
    config.put("executor.agents.recall.memory.retrieve", "true");
    config.put("executor.agents.recall.memory.store", "true");
    config.put("executor.agents.recall.memory.top-k", "3");
    config.put(
        "executor.agents.memo.overridable",
        "memory-retrieve,memory-store,memory-top-k,memory-method");
    // Traces on (exported nowhere, see application.properties), so propagation is real.
    config.put("quarkus.otel.sdk.disabled", "false");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(llm, new TestInjector.MatchesType(FakeLlm.class));
    testInjector.injectIntoFields(memory, new TestInjector.MatchesType(FakeMemoryGateway.class));
  }

  @Override
  public void stop() {
    if (llm != null) {
      llm.close();
    }
    if (memory != null) {
      memory.close();
    }
    if (tokenFile != null) {
      try {
        Files.deleteIfExists(tokenFile);
      } catch (java.io.IOException e) {
        // A temporary file; the system cleans it up.
      }
    }
    try (Connection nc = Nats.connect("nats://127.0.0.1:4222")) {
      nc.jetStreamManagement().deleteStream(stream);
    } catch (JetStreamApiException | java.io.IOException e) {
      // Already gone.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
