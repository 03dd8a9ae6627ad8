package io.agentic.platform.executor.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Builds version-1 request messages. */
public final class Requests {

  private Requests() {}

  public static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  public static JsonObject request(String runId, String agent, String userMessage) {
    return new JsonObject()
        .put("version", 1)
        .put("runId", runId)
        .put("tenant", "acme")
        .put("agent", agent)
        .put(
            "messages",
            new JsonArray().add(new JsonObject().put("role", "user").put("content", userMessage)));
  }
}
