package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Session context store (Redis protocol). The names are the keys of the AgentExecutor's Dragonfly
 * Secret: {@code DRAGONFLY_HOST}, {@code DRAGONFLY_PORT}, {@code DRAGONFLY_PASSWORD}.
 */
@ConfigMapping(prefix = "dragonfly")
public interface DragonflyConfig {

  /**
   * Optional here so that migrate mode runs without it, and run mode may (its runs then neither
   * read nor keep session turns); serve mode requires it.
   */
  Optional<String> host();

  Optional<Integer> port();

  Optional<String> password();

  /**
   * {@code DRAGONFLY_SESSION_TTL}: a session's recent turns expire this long after its last run.
   */
  @WithDefault("24h")
  Duration sessionTtl();

  /** {@code DRAGONFLY_SESSION_MAX_TURNS}: how many recent messages of a session are kept. */
  @WithDefault("20")
  int sessionMaxTurns();

  /** A session store is configured: {@code DRAGONFLY_HOST} is set. */
  default boolean configured() {
    return host().filter(h -> !h.isBlank()).isPresent();
  }
}
