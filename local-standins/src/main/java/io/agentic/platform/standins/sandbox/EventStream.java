package io.agentic.platform.standins.sandbox;

import io.agentic.platform.standins.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /sse?count=N}: N server-sent events, 100 ms apart, then the end of the response, so a
 * test sees whether a proxy passes events on as they come rather than when the stream ends.
 */
final class EventStream {

  static final int DEFAULT_COUNT = 3;
  static final int MAX_COUNT = 100;
  static final long INTERVAL_MS = 100;

  private EventStream() {}

  static void send(Vertx vertx, HttpServerRequest request) {
    int count;
    try {
      count = Integer.parseInt(request.getParam("count", Integer.toString(DEFAULT_COUNT)));
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 0 || count > MAX_COUNT) {
      Responses.json(
          request, 400, new JsonObject().put("error", "count: 0 to " + MAX_COUNT + " events"));
      return;
    }
    HttpServerResponse response =
        request
            .response()
            .setChunked(true)
            .putHeader("Content-Type", "text/event-stream")
            .putHeader("Cache-Control", "no-cache");
    if (count == 0) {
      response.end();
    } else {
      emit(vertx, response, 1, count);
    }
  }

  private static void emit(Vertx vertx, HttpServerResponse response, int event, int count) {
    if (response.closed()) {
      return; // the client left
    }
    response.write("data: event " + event + "\n\n");
    if (event == count) {
      response.end();
    } else {
      vertx.setTimer(INTERVAL_MS, timer -> emit(vertx, response, event + 1, count));
    }
  }
}
