package io.agentic.platform.standins.evermemos;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Which memories a request is about. Every condition given must hold (EverMemOS ANDs top-level
 * filter keys); a null one is not checked. Times are epoch milliseconds, both bounds inclusive.
 */
record MemoryFilter(
    String userId, String groupId, String sessionId, String senderId, long from, long to) {

  private static final Set<String> SEARCH_KEYS =
      Set.of("user_id", "group_id", "session_id", "timestamp");

  /**
   * The {@code filters} of a search or get. Only what the memory-gateway sends is understood (plain
   * ids, a timestamp range); anything else is refused rather than silently ignored, and, as in
   * EverMemOS, a filter must name a user or a group.
   */
  static MemoryFilter ofFilters(JsonObject body) {
    JsonObject filters = Fields.object(body, "filters");
    for (String key : filters.fieldNames()) {
      if (!SEARCH_KEYS.contains(key)) {
        throw EverMemOsError.invalid(
            "filters." + key + ": not supported by the local stand-in (use " + SEARCH_KEYS + ")");
      }
    }
    MemoryFilter filter =
        new MemoryFilter(
            id(filters, "user_id"),
            id(filters, "group_id"),
            id(filters, "session_id"),
            null,
            bound(filters, "gte", "gt", 1, Long.MIN_VALUE),
            bound(filters, "lte", "lt", -1, Long.MAX_VALUE));
    if (filter.userId() == null && filter.groupId() == null) {
      throw EverMemOsError.invalid("filters: user_id or group_id is required");
    }
    return filter;
  }

  /** The body of a delete: top-level ids, at least one, so nothing deletes everything. */
  static MemoryFilter ofDelete(JsonObject body) {
    MemoryFilter filter =
        new MemoryFilter(
            id(body, "user_id"),
            id(body, "group_id"),
            id(body, "session_id"),
            id(body, "sender_id"),
            Long.MIN_VALUE,
            Long.MAX_VALUE);
    if (filter.userId() == null
        && filter.groupId() == null
        && filter.sessionId() == null
        && filter.senderId() == null) {
      throw EverMemOsError.invalid(
          "at least one of user_id, group_id, session_id, sender_id is required");
    }
    return filter;
  }

  boolean matches(Episode e) {
    return same(userId, e.userId())
        && same(groupId, e.groupId())
        && same(sessionId, e.sessionId())
        && same(senderId, e.senderId())
        && e.timestamp() >= from
        && e.timestamp() <= to;
  }

  private static boolean same(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static String id(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw EverMemOsError.invalid(field + ": the local stand-in takes a plain string id");
    }
    return (String) value;
  }

  /**
   * One end of the timestamp range: the inclusive operator, or the exclusive one moved by a
   * millisecond, or {@code none}.
   */
  private static long bound(
      JsonObject filters, String inclusive, String exclusive, int step, long none) {
    if (filters.getValue("timestamp") == null) {
      return none;
    }
    JsonObject range = Fields.object(filters, "timestamp");
    if (range.getValue(inclusive) != null) {
      return Fields.integer(range, inclusive);
    }
    if (range.getValue(exclusive) != null) {
      return Fields.integer(range, exclusive) + step;
    }
    return none;
  }
}
