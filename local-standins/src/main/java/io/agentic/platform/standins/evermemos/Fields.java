package io.agentic.platform.standins.evermemos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Typed reads of request fields; a wrong type or a missing required field is a 400. */
final class Fields {

  private Fields() {}

  static String string(JsonObject json, String field) {
    String value = optionalString(json, field);
    if (value == null || value.isEmpty()) {
      throw EverMemOsError.invalid(field + ": a non-empty string is required");
    }
    return value;
  }

  static String optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw EverMemOsError.invalid(field + ": must be a string");
    }
    return (String) value;
  }

  static long integer(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof Number number) || number.doubleValue() % 1 != 0) {
      throw EverMemOsError.invalid(field + ": an integer is required");
    }
    return number.longValue();
  }

  static int positiveInt(JsonObject json, String field, int absent, int max) {
    if (json.getValue(field) == null) {
      return absent;
    }
    long value = integer(json, field);
    if (value < 1 || value > max) {
      throw EverMemOsError.invalid(field + ": must be 1 to " + max);
    }
    return (int) value;
  }

  static JsonObject object(JsonObject json, String field) {
    if (!(json.getValue(field) instanceof JsonObject object)) {
      throw EverMemOsError.invalid(field + ": an object is required");
    }
    return object;
  }

  /** A list of strings; empty when the field is absent. */
  static List<String> strings(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw EverMemOsError.invalid(field + ": an array of strings is required");
    }
    return array.stream().map(String.class::cast).toList();
  }
}
