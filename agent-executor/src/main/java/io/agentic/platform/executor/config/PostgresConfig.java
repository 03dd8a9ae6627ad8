package io.agentic.platform.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The run store. The names are the keys of the AgentExecutor's PostgreSQL Secret ({@code
 * POSTGRES_HOST}, {@code POSTGRES_PORT}, {@code POSTGRES_DB}, {@code POSTGRES_USER}, {@code
 * POSTGRES_PASSWORD}); application.properties builds the JDBC datasource from them.
 */
@ConfigMapping(prefix = "postgres")
public interface PostgresConfig {

  String host();

  int port();

  String db();

  String user();

  String password();

  /** {@code POSTGRES_SCHEMA}: the schema the migrations create and the service uses. */
  @WithDefault("agent_executor")
  String schema();
}
