package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * {@code ANTHROPIC_API_KEY} (a key of the llm-keys Secret), an optional {@code ANTHROPIC_BASE_URL}
 * and the API version header.
 */
@ConfigMapping(prefix = "anthropic")
public interface AnthropicConfig {

  Optional<String> apiKey();

  /** Overrides {@code LLM_BASE_URL} for Anthropic Messages calls. */
  Optional<String> baseUrl();

  @WithDefault("2023-06-01")
  String version();
}
