package io.agentic.platform.executor;

import io.agentic.platform.executor.config.AnthropicConfig;
import io.agentic.platform.executor.config.DragonflyConfig;
import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.LlmConfig;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.config.NatsConfig;
import io.agentic.platform.executor.config.OpenAiConfig;
import io.agentic.platform.executor.config.PostgresConfig;
import io.agentic.platform.testsupport.ConfigurationReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration table of the README lists exactly the keys the service reads. */
class ConfigurationReferenceTest {

  private static final Path README = Path.of("README.md");

  @Test
  void theReadmeListsEveryKeyAndNoOther() {
    ConfigurationReference.assertDocuments(README, "anthropic", AnthropicConfig.class);
    ConfigurationReference.assertDocuments(README, "dragonfly", DragonflyConfig.class);
    ConfigurationReference.assertDocuments(README, "executor", ExecutorConfig.class);
    ConfigurationReference.assertDocuments(README, "llm", LlmConfig.class);
    ConfigurationReference.assertDocuments(README, "memory-gateway", MemoryGatewayConfig.class);
    ConfigurationReference.assertDocuments(README, "nats", NatsConfig.class);
    ConfigurationReference.assertDocuments(README, "openai", OpenAiConfig.class);
    ConfigurationReference.assertDocuments(README, "postgres", PostgresConfig.class);
  }
}
