package io.agentic.platform.executor.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up checks of each mode name every missing or invalid value by its environment variable.
 */
class StartupCheckTest {

  static final Map<String, String> POSTGRES =
      Map.of(
          "postgres.host", "127.0.0.1",
          "postgres.port", "5432",
          "postgres.db", "agentic",
          "postgres.user", "agentic",
          "postgres.password", "agentic");

  static final Map<String, String> VALID =
      with(
          POSTGRES,
          Map.of(
              "nats.url", "nats://127.0.0.1:4222",
              "nats.stream-name", "REQUESTS",
              "nats.consumer-group", "workers",
              "dragonfly.host", "127.0.0.1",
              "dragonfly.port", "6379",
              "llm.base-url", "http://gateway:8080",
              "executor.agents.default.provider", "openai"));

  /** What run mode needs at the least: an LLM and a profile. */
  static final Map<String, String> RUN_ONLY =
      Map.of(
          "llm.base-url", "http://gateway:8080",
          "executor.agents.default.provider", "openai");

  @Test
  void acceptsACompleteConfiguration() {
    assertDoesNotThrow(() -> check(VALID).verifyServeConfiguration());
  }

  @Test
  void namesEveryProblem() {
    Map<String, String> broken = new HashMap<>(VALID);
    broken.remove("nats.url");
    broken.remove("nats.consumer-group");
    broken.remove("dragonfly.host");
    broken.put("llm.base-url", "not a url");
    broken.put("executor.concurrency", "0");
    broken.put("executor.agents.support.overridable", "model,seed");

    String message =
        assertThrows(IllegalStateException.class, () -> check(broken).verifyServeConfiguration())
            .getMessage();
    assertTrue(message.contains("NATS_URL (nats.url) is required"), message);
    assertTrue(message.contains("NATS_CONSUMER_GROUP (nats.consumer-group) is required"), message);
    assertTrue(message.contains("DRAGONFLY_HOST (dragonfly.host) is required"), message);
    assertTrue(message.contains("LLM_BASE_URL (llm.base-url) must be an http(s) URL"), message);
    assertTrue(
        message.contains("EXECUTOR_CONCURRENCY (executor.concurrency) must be at least 1"),
        message);
    assertTrue(message.contains("executor.agents.support.overridable names seed"), message);
  }

  @Test
  void serveModeNeedsPostgres() {
    Map<String, String> withoutDatabase = new HashMap<>(VALID);
    withoutDatabase.remove("postgres.host");
    withoutDatabase.remove("postgres.password");
    withoutDatabase.put("postgres.port", "70000");
    String message =
        assertThrows(
                IllegalStateException.class,
                () -> check(withoutDatabase).verifyServeConfiguration())
            .getMessage();
    assertTrue(message.contains("POSTGRES_HOST (postgres.host) is required"), message);
    assertTrue(message.contains("POSTGRES_PASSWORD (postgres.password) is required"), message);
    assertTrue(message.contains("POSTGRES_PORT (postgres.port) must be 1-65535"), message);
  }

  @Test
  void runModeNeedsNeitherNatsNorRedisNorPostgres() {
    assertDoesNotThrow(() -> check(RUN_ONLY).verifyRunConfiguration());
    assertDoesNotThrow(() -> check(with(RUN_ONLY, POSTGRES)).verifyRunConfiguration());
    assertDoesNotThrow(
        () ->
            check(with(RUN_ONLY, Map.of("dragonfly.host", "127.0.0.1"))).verifyRunConfiguration());
  }

  @Test
  void runModeChecksWhatItUses() {
    Map<String, String> broken = new HashMap<>(RUN_ONLY);
    // A database named but not completely: the run would not be recorded as it was meant to be.
    broken.put("postgres.host", "db");
    broken.put("dragonfly.port", "0");
    broken.put("llm.base-url", "gateway");
    broken.put("executor.max-deliveries", "0");
    broken.put("executor.agents.support.overridable", "seed");
    String message =
        assertThrows(IllegalStateException.class, () -> check(broken).verifyRunConfiguration())
            .getMessage();
    assertTrue(message.contains("POSTGRES_PORT (postgres.port) is required"), message);
    assertTrue(message.contains("POSTGRES_DB (postgres.db) is required"), message);
    assertTrue(message.contains("DRAGONFLY_PORT (dragonfly.port) must be 1-65535"), message);
    assertTrue(message.contains("LLM_BASE_URL (llm.base-url) must be an http(s) URL"), message);
    assertTrue(
        message.contains("EXECUTOR_MAX_DELIVERIES (executor.max-deliveries) must be at least 1"),
        message);
    assertTrue(message.contains("executor.agents.support.overridable names seed"), message);
    assertFalse(message.contains("NATS_URL"), message);
  }

  @Test
  void migrateModeNeedsPostgresOnly() {
    assertDoesNotThrow(() -> check(POSTGRES).verifyMigrateConfiguration());
    String message =
        assertThrows(
                IllegalStateException.class, () -> check(Map.of()).verifyMigrateConfiguration())
            .getMessage();
    assertTrue(message.contains("POSTGRES_HOST (postgres.host) is required"), message);
    assertFalse(message.contains("NATS_URL"), message);
  }

  @Test
  void publicApisNeedTheirKeys() {
    Map<String, String> direct = new HashMap<>(VALID);
    direct.remove("llm.base-url");
    direct.put("executor.agents.research.provider", "anthropic");
    String message =
        assertThrows(IllegalStateException.class, () -> check(direct).verifyServeConfiguration())
            .getMessage();
    assertTrue(message.contains("OPENAI_API_KEY (openai.api-key) is required"), message);
    assertTrue(message.contains("ANTHROPIC_API_KEY (anthropic.api-key) is required"), message);

    direct.put("openai.api-key", "sk-1");
    direct.put("anthropic.api-key", "sk-2");
    assertDoesNotThrow(() -> check(direct).verifyServeConfiguration());
  }

  @Test
  void rejectsNonNatsUrls() {
    Map<String, String> http = new HashMap<>(VALID);
    http.put("nats.url", "nats://a:4222,http://b:8222");
    String message =
        assertThrows(IllegalStateException.class, () -> check(http).verifyServeConfiguration())
            .getMessage();
    assertTrue(message.contains("NATS_URL (nats.url) must list nats:// or tls:// URLs"), message);
  }

  @Test
  void checksTheMemoryGatewaySettings() throws Exception {
    Map<String, String> memory = new HashMap<>(VALID);
    memory.put("memory-gateway.url", "memory-gateway:8080");
    memory.put("memory-gateway.token", "secret-token-value");
    memory.put("memory-gateway.token-file", "/nonexistent/token");
    memory.put("memory-gateway.top-k", "51");
    memory.put("memory-gateway.search-timeout", "0s");
    memory.put("executor.agents.recall.memory.top-k", "0");
    memory.put("executor.agents.recall.overridable", "memory-retrieve,memory-recall");

    String message =
        assertThrows(IllegalStateException.class, () -> check(memory).verifyServeConfiguration())
            .getMessage();
    assertTrue(
        message.contains("MEMORY_GATEWAY_URL (memory-gateway.url) must be an http(s) URL"),
        message);
    assertTrue(
        message.contains(
            "MEMORY_GATEWAY_TOKEN (memory-gateway.token) and MEMORY_GATEWAY_TOKEN_FILE"
                + " (memory-gateway.token-file) are both set"),
        message);
    assertTrue(
        message.contains(
            "MEMORY_GATEWAY_TOKEN_FILE (memory-gateway.token-file) cannot be read:"
                + " /nonexistent/token"),
        message);
    assertTrue(
        message.contains("MEMORY_GATEWAY_TOP_K (memory-gateway.top-k) must be 1-50"), message);
    assertTrue(
        message.contains(
            "MEMORY_GATEWAY_SEARCH_TIMEOUT (memory-gateway.search-timeout) must be at least 1"),
        message);
    assertTrue(
        message.contains("executor.agents.recall.memory.top-k must be 1-50, got 0"), message);
    assertTrue(message.contains("executor.agents.recall.overridable names memory-recall"), message);
    assertFalse(message.contains("names memory-retrieve"), message);
    assertFalse(message.contains("secret-token-value"), "the token is never repeated: " + message);

    Path token = Files.createTempFile("token", "");
    try {
      Map<String, String> valid = new HashMap<>(VALID);
      valid.put("memory-gateway.url", "http://memory-gateway:8080");
      valid.put("memory-gateway.token-file", token.toString());
      valid.put("executor.agents.recall.memory.retrieve", "true");
      valid.put("executor.agents.recall.overridable", "memory-top-k,memory-method");
      assertDoesNotThrow(() -> check(valid).verifyServeConfiguration());
    } finally {
      Files.delete(token);
    }
  }

  private static StartupCheck check(Map<String, String> values) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withDefaultValues(values)
            // Quarkus reads durations such as 30s; plain SmallRye only reads ISO-8601.
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(NatsConfig.class)
            .withMapping(DragonflyConfig.class)
            .withMapping(LlmConfig.class)
            .withMapping(OpenAiConfig.class)
            .withMapping(AnthropicConfig.class)
            .withMapping(ExecutorConfig.class)
            .withMapping(MemoryGatewayConfig.class)
            .withMapping(PostgresConfig.class)
            .build();
    return new StartupCheck(
        config.getConfigMapping(NatsConfig.class),
        config.getConfigMapping(DragonflyConfig.class),
        config.getConfigMapping(LlmConfig.class),
        config.getConfigMapping(OpenAiConfig.class),
        config.getConfigMapping(AnthropicConfig.class),
        config.getConfigMapping(ExecutorConfig.class),
        config.getConfigMapping(MemoryGatewayConfig.class),
        config.getConfigMapping(PostgresConfig.class));
  }

  private static Map<String, String> with(Map<String, String> some, Map<String, String> more) {
    Map<String, String> both = new HashMap<>(some);
    both.putAll(more);
    return Map.copyOf(both);
  }
}
