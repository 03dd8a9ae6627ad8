package io.agentic.platform.standins.langfuse;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/** OTLP attribute values as JSON: scalars as themselves, arrays and maps as JSON ones. */
final class AttributeValues {

  private AttributeValues() {}

  static Object toJson(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        JsonArray array = new JsonArray();
        value.getArrayValue().getValuesList().forEach(v -> array.add(toJson(v)));
        yield array;
      }
      case KVLIST_VALUE -> {
        JsonObject object = new JsonObject();
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          object.put(kv.getKey(), toJson(kv.getValue()));
        }
        yield object;
      }
      case VALUE_NOT_SET -> null;
    };
  }
}
