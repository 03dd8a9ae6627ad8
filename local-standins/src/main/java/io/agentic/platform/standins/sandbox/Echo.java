package io.agentic.platform.standins.sandbox;

import io.agentic.platform.standins.BoundedBody;
import io.agentic.platform.standins.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers with what arrived, so a test of the sandbox-router sees exactly what the router
 * forwarded: method, raw path and query, headers and body.
 */
final class Echo {

  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private Echo() {}

  static void answer(HttpServerRequest request) {
    BoundedBody.read(request, MAX_BODY_BYTES)
        .onSuccess(body -> Responses.json(request, 200, describe(request, body)))
        .onFailure(
            failure ->
                Responses.json(
                    request,
                    failure instanceof BoundedBody.TooLarge ? 413 : 400,
                    new JsonObject().put("error", failure.getMessage())));
  }

  private static JsonObject describe(HttpServerRequest request, Buffer body) {
    // Repeated headers are joined as HTTP allows; names are lower-cased, as HTTP/2 sends them.
    Map<String, String> headers = new TreeMap<>();
    request
        .headers()
        .forEach(
            header ->
                headers.merge(
                    header.getKey().toLowerCase(Locale.ROOT),
                    header.getValue(),
                    (first, next) -> first + ", " + next));
    return new JsonObject()
        .put("sandbox", "local stand-in")
        .put("method", request.method().name())
        .put("path", request.path())
        .put("query", request.query() == null ? "" : request.query())
        .put("headers", new JsonObject(Map.copyOf(headers)))
        .put("body", body.toString());
  }
}
