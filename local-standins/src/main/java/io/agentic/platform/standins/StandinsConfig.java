package io.agentic.platform.standins;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the stand-ins listen. Every key can be set by environment variable (for instance {@code
 * STANDINS_LLM_PORT}), which is how a test that picks free ports passes them.
 */
@ConfigMapping(prefix = "standins")
public interface StandinsConfig {

  /**
   * The address every stand-in listens on: loopback by default, so only this machine reaches it.
   */
  @WithDefault("127.0.0.1")
  String host();

  Llm llm();

  EverMemOs evermemos();

  Langfuse langfuse();

  Sandbox sandbox();

  interface Llm {
    /** The OpenAI- and Anthropic-style chat API. */
    @WithDefault("8480")
    int port();
  }

  interface EverMemOs {
    /** EverMemOS's own default port. */
    @WithDefault("1995")
    int port();

    /** Stored messages at most; past it a store is refused, so memory use stays bounded. */
    @WithDefault("100000")
    int maxMessages();
  }

  interface Langfuse {
    /** Langfuse's own default port; the OTLP ingestion path is under /api/public/otel. */
    @WithDefault("3000")
    int port();

    /** The file every received span is appended to, one JSON line each; relative to the cwd. */
    @WithDefault(".local/run/traces.log")
    String tracesLog();
  }

  interface Sandbox {
    /** What one sandbox pod behind the sandbox-router serves. */
    @WithDefault("8780")
    int port();
  }
}
