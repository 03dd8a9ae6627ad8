package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The memory-gateway runs retrieve memories from and store their turns in. Without {@code
 * MEMORY_GATEWAY_URL} memory is off: profile defaults are ignored (logged at start-up) and a
 * request asking for memory is dead-lettered ({@code memory_unavailable}).
 */
@ConfigMapping(prefix = "memory-gateway")
public interface MemoryGatewayConfig {

  /** The most memories a run may ask for: more would crowd the prompt rather than help. */
  int MAX_TOP_K = 50;

  /**
   * {@code MEMORY_GATEWAY_URL}: base URL of the memory-gateway; {@code /v1/memories} is appended.
   */
  Optional<String> url();

  /**
   * {@code MEMORY_GATEWAY_TOKEN_FILE}: file holding the bearer token (a mounted Secret). Read again
   * whenever the file changes, so a rotated token is used without a restart.
   */
  Optional<Path> tokenFile();

  /** {@code MEMORY_GATEWAY_TOKEN}: the bearer token itself, when it does not come from a file. */
  Optional<String> token();

  /**
   * {@code MEMORY_GATEWAY_TENANT_CLAIM}: the token claim the gateway takes the tenant from. Runs of
   * another tenant than the token's get no memory, so one tenant's turns never land in another's.
   */
  @WithDefault("tenant")
  String tenantClaim();

  /** {@code MEMORY_GATEWAY_SEARCH_TIMEOUT}: a search not answered by then is skipped. */
  @WithDefault("2s")
  Duration searchTimeout();

  /** {@code MEMORY_GATEWAY_STORE_TIMEOUT}: a store not answered by then is given up. */
  @WithDefault("5s")
  Duration storeTimeout();

  /**
   * {@code MEMORY_GATEWAY_TOP_K}: memories retrieved when neither profile nor request says; 1 to
   * {@link #MAX_TOP_K}.
   */
  @WithDefault("5")
  int topK();

  /** {@code MEMORY_GATEWAY_MAX_QUERY_CHARS}: the search query is cut to this length. */
  @WithDefault("2000")
  int maxQueryChars();

  /** {@code MEMORY_GATEWAY_MAX_PROMPT_CHARS}: memories beyond this many characters are left out. */
  @WithDefault("4000")
  int maxPromptChars();

  default boolean enabled() {
    return url().filter(u -> !u.isBlank()).isPresent();
  }
}
