package io.agentic.platform.bridge.signal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.Reader;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON differs from the standard protobuf JSON mapping in one respect: trace and span ids are
 * hex strings, not base64. This rewrites them so {@code JsonFormat} can parse the rest.
 */
final class OtlpJson {

  private static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");

  private OtlpJson() {}

  /** Reads the JSON as it arrives: a body is never held as one string before it is parsed. */
  static String idsToBase64(Reader json) throws InvalidProtocolBufferException {
    JsonElement root;
    try {
      root = JsonParser.parseReader(json);
    } catch (JsonParseException e) {
      throw new InvalidProtocolBufferException("not JSON: " + e.getMessage());
    }
    rewrite(root);
    return root.toString();
  }

  private static void rewrite(JsonElement element) throws InvalidProtocolBufferException {
    if (element.isJsonArray()) {
      for (JsonElement child : element.getAsJsonArray()) {
        rewrite(child);
      }
    } else if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      for (Map.Entry<String, JsonElement> field : object.entrySet()) {
        JsonElement value = field.getValue();
        if (ID_FIELDS.contains(field.getKey()) && value.isJsonPrimitive()) {
          field.setValue(new JsonPrimitive(hexToBase64(field.getKey(), value.getAsString())));
        } else {
          rewrite(value);
        }
      }
    }
  }

  private static String hexToBase64(String field, String hex)
      throws InvalidProtocolBufferException {
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidProtocolBufferException(
          field + " must be a hex string, got \"" + hex + "\"");
    }
  }
}
