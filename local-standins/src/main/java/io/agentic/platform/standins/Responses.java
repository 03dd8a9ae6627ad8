package io.agentic.platform.standins;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** JSON in and out, shared by the stand-ins. */
public final class Responses {

  private Responses() {}

  public static void json(HttpServerRequest request, int status, JsonObject body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  /** GET /health, the same on every stand-in's port. */
  public static void health(HttpServerRequest request) {
    json(request, 200, new JsonObject().put("status", "ok"));
  }

  /** The body as a JSON object; empty when it is not JSON or not an object. */
  public static Optional<JsonObject> jsonObject(Buffer body) {
    try {
      return Json.decodeValue(body) instanceof JsonObject object
          ? Optional.of(object)
          : Optional.empty();
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  public static boolean isHealthProbe(HttpServerRequest request) {
    return request.method().name().equals("GET") && request.path().equals("/health");
  }
}
