package io.agentic.platform.standins;

import io.vertx.core.http.HttpServerRequest;

/**
 * One local stand-in for a remote service: {@link StandinsStartup} gives each its own Vert.x HTTP
 * server. Handlers run on the event loop and must not block.
 */
public interface Standin {

  /** A short name for logs, such as "llm". */
  String name();

  int port();

  /**
   * Answers one request; called on the event loop before the request body has arrived. {@code GET
   * /health} never reaches it: {@link StandinsStartup} answers that for every stand-in.
   */
  void handle(HttpServerRequest request);
}
