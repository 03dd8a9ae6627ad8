package io.agentic.platform.standins.sandbox;

import io.vertx.core.http.HttpServerRequest;

/**
 * The WebSocket on /ws: every text and binary message goes back as it came. A close from the client
 * is answered and ends the connection, which Vert.x does by itself.
 */
final class WebSocketEcho {

  private WebSocketEcho() {}

  static void accept(HttpServerRequest request) {
    request
        .toWebSocket()
        .onSuccess(
            socket -> {
              socket.textMessageHandler(socket::writeTextMessage);
              socket.binaryMessageHandler(socket::writeBinaryMessage);
            });
  }

  static boolean isUpgrade(HttpServerRequest request) {
    return request.path().equals("/ws")
        && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
  }
}
