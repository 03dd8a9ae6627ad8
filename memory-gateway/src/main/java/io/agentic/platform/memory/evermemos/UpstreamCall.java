package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * One request to EverMemOS. {@code idempotent} calls are retried on transient failures; the rest
 * are sent once.
 */
record UpstreamCall(
    String operation,
    HttpMethod method,
    String path,
    Map<String, String> query,
    JsonNode body,
    boolean idempotent) {

  static UpstreamCall post(String operation, String path, JsonNode body, boolean idempotent) {
    return new UpstreamCall(operation, HttpMethod.POST, path, Map.of(), body, idempotent);
  }
}
