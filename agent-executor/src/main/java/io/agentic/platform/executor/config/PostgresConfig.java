package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The run store. The names are the keys of the AgentExecutor's PostgreSQL Secret ({@code
 * POSTGRES_HOST}, {@code POSTGRES_PORT}, {@code POSTGRES_DB}, {@code POSTGRES_USER}, {@code
 * POSTGRES_PASSWORD}); application.properties builds the JDBC datasource from them. Optional here
 * because run mode may go without a run store; serve and migrate mode require them ({@link
 * StartupCheck}).
 */
@ConfigMapping(prefix = "postgres")
public interface PostgresConfig {

  Optional<String> host();

  Optional<Integer> port();

  Optional<String> db();

  Optional<String> user();

  Optional<String> password();

  /** {@code POSTGRES_SCHEMA}: the schema the migrations create and the service uses. */
  @WithDefault("agent_executor")
  String schema();

  /** A run store is configured: {@code POSTGRES_HOST} is set (the rest is then required). */
  default boolean configured() {
    return host().filter(h -> !h.isBlank()).isPresent();
  }
}
