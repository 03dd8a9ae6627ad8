package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How LLM providers are reached. API keys are separate mappings named after their Secret keys. */
@ConfigMapping(prefix = "llm")
public interface LlmConfig {

  /**
   * {@code LLM_BASE_URL}: base URL for both providers (in the platform: the agent gateway). The
   * OpenAI-compatible path {@code /v1/chat/completions} and the Anthropic path {@code /v1/messages}
   * are appended. Unset: each provider's public API.
   */
  Optional<String> baseUrl();

  /** {@code LLM_DEFAULT_MODEL}: the model of agent profiles that name none. */
  @WithDefault("gpt-4o-mini")
  String defaultModel();

  /** {@code LLM_TIMEOUT}: time allowed for one HTTP call to the provider. */
  @WithDefault("60s")
  Duration timeout();

  /**
   * {@code LLM_OUTAGE_WINDOW}: how long a provider that refuses connections or answers 5xx, 429,
   * 408 or 409 is retried (within the run's deadline) before the run is dead-lettered {@code
   * llm_unavailable}.
   */
  @WithDefault("5m")
  Duration outageWindow();

  /** {@code LLM_BACKOFF_INITIAL}: wait before the second attempt; doubles for each further one. */
  @WithDefault("500ms")
  Duration backoffInitial();

  /** {@code LLM_BACKOFF_MAX}: upper bound of one wait, Retry-After included. */
  @WithDefault("30s")
  Duration backoffMax();

  /** {@code LLM_MAX_RESPONSE_BYTES}: larger provider responses are rejected. */
  @WithDefault("4194304")
  int maxResponseBytes();
}
