package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code OPENAI_API_KEY} (a key of the llm-keys Secret) and an optional {@code OPENAI_BASE_URL}.
 */
@ConfigMapping(prefix = "openai")
public interface OpenAiConfig {

  Optional<String> apiKey();

  /** Overrides {@code LLM_BASE_URL} for OpenAI-compatible calls. */
  Optional<String> baseUrl();
}
