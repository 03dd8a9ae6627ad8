package io.agentic.platform.memory.evermemos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentic.platform.memory.api.DeleteRequest;
import io.agentic.platform.memory.api.DeleteResult;
import io.agentic.platform.memory.api.Filters;
import io.agentic.platform.memory.api.FlushRequest;
import io.agentic.platform.memory.api.FlushResult;
import io.agentic.platform.memory.api.GetRequest;
import io.agentic.platform.memory.api.GetResult;
import io.agentic.platform.memory.api.MemoryItem;
import io.agentic.platform.memory.api.MemoryType;
import io.agentic.platform.memory.api.Message;
import io.agentic.platform.memory.api.SearchRequest;
import io.agentic.platform.memory.api.SearchResult;
import io.agentic.platform.memory.api.StoreRequest;
import io.agentic.platform.memory.api.StoreResult;
import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.scope.Scoped;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current EverMemOS API (EverCore): every operation is a POST under /api/v1/memories, answers
 * are enveloped in {@code data}, and searches and fetches take a filter DSL. The tenant-scoped ids
 * go at the top level of the filter, where EverMemOS ANDs them with everything else.
 */
final class CurrentApi implements EverMemOs {

  private static final Set<MemoryType> SUPPORTED =
      Set.of(MemoryType.EPISODIC_MEMORY, MemoryType.PROFILE);

  private final UpstreamClient upstream;
  private final ObjectMapper json;

  CurrentApi(UpstreamClient upstream, ObjectMapper json) {
    this.upstream = upstream;
    this.json = json;
  }

  @Override
  public Uni<StoreResult> store(Scoped<StoreRequest> scoped) {
    StoreRequest request = scoped.request();
    boolean group = request.groupId() != null;
    ObjectNode body = json.createObjectNode();
    if (group) {
      if (request.sessionId() != null) {
        throw Problem.badRequest(
                "session_id: the configured EverMemOS API keeps no sessions for group memories")
            .asException();
      }
      body.put("group_id", request.groupId());
    } else {
      body.put("user_id", request.userId());
      putIfPresent(body, "session_id", request.sessionId());
    }
    ArrayNode messages = body.putArray("messages");
    for (Message m : request.messages()) {
      ObjectNode message = messages.addObject();
      message.put("message_id", m.messageId());
      putIfPresent(message, "sender_id", m.senderId());
      putIfPresent(message, "sender_name", m.senderName());
      message.put("role", m.role().wireName());
      message.put("timestamp", m.timestamp().toInstant().toEpochMilli());
      message.put("content", m.content());
    }
    String path = group ? "/api/v1/memories/group" : "/api/v1/memories";
    // Storing is idempotent by message id, so a lost answer may safely be retried.
    return upstream
        .send(UpstreamCall.post("store", path, body, true))
        .map(
            answer -> {
              JsonNode data = answer.path("data");
              return new StoreResult(
                  data.path("message_count").asInt(request.messages().size()),
                  data.path("status").asText("accumulated"));
            });
  }

  @Override
  public Uni<SearchResult> search(Scoped<SearchRequest> scoped) {
    SearchRequest request = scoped.request();
    request.memoryTypes().forEach(CurrentApi::requireSupported);
    ObjectNode body = json.createObjectNode();
    body.put("query", request.query());
    body.put("method", request.method().wireName());
    ArrayNode types = body.putArray("memory_types");
    request.memoryTypes().forEach(t -> types.add(t.wireName()));
    body.put("top_k", request.topK());
    body.set("filters", filters(request.filters()));
    return upstream
        .send(UpstreamCall.post("search", "/api/v1/memories/search", body, true))
        .map(answer -> new SearchResult(items(answer.path("data"))));
  }

  @Override
  public Uni<GetResult> get(Scoped<GetRequest> scoped) {
    GetRequest request = scoped.request();
    requireSupported(request.memoryType());
    if (request.memoryType() == MemoryType.PROFILE && request.filters().userId() == null) {
      throw Problem.badRequest("filters.user_id: profiles are fetched per user").asException();
    }
    ObjectNode body = json.createObjectNode();
    body.put("memory_type", request.memoryType().wireName());
    body.put("page", request.page());
    body.put("page_size", request.pageSize());
    body.put("rank_by", "timestamp");
    body.put("rank_order", request.order().wireName());
    body.set("filters", filters(request.filters()));
    return upstream
        .send(UpstreamCall.post("get", "/api/v1/memories/get", body, true))
        .map(
            answer -> {
              JsonNode data = answer.path("data");
              JsonNode total = data.path("total_count");
              return new GetResult(
                  items(data),
                  request.page(),
                  request.pageSize(),
                  total.isIntegralNumber() ? total.asLong() : null);
            });
  }

  @Override
  public Uni<DeleteResult> delete(Scoped<DeleteRequest> scoped) {
    DeleteRequest request = scoped.request();
    ObjectNode body = json.createObjectNode();
    putIfPresent(body, "user_id", request.userId());
    putIfPresent(body, "group_id", request.groupId());
    putIfPresent(body, "session_id", request.sessionId());
    putIfPresent(body, "sender_id", request.senderId());
    return upstream
        .send(UpstreamCall.post("delete", "/api/v1/memories/delete", body, false))
        .map(
            answer -> {
              JsonNode count = answer.path("data").path("count");
              return new DeleteResult(count.isIntegralNumber() ? count.asInt() : null);
            });
  }

  @Override
  public Uni<FlushResult> flush(Scoped<FlushRequest> scoped) {
    FlushRequest request = scoped.request();
    ObjectNode body = json.createObjectNode();
    String path;
    if (request.groupId() != null) {
      body.put("group_id", request.groupId());
      path = "/api/v1/memories/group/flush";
    } else {
      body.put("user_id", request.userId());
      putIfPresent(body, "session_id", request.sessionId());
      path = "/api/v1/memories/flush";
    }
    return upstream
        .send(UpstreamCall.post("flush", path, body, false))
        .map(answer -> new FlushResult(answer.path("data").path("status").asText("no_extraction")));
  }

  /** Top-level keys of the filter are ANDed by EverMemOS; the scope ids are always among them. */
  private ObjectNode filters(Filters filters) {
    ObjectNode node = json.createObjectNode();
    putIfPresent(node, "user_id", filters.userId());
    putIfPresent(node, "group_id", filters.groupId());
    putIfPresent(node, "session_id", filters.sessionId());
    if (filters.startTime() != null || filters.endTime() != null) {
      ObjectNode range = node.putObject("timestamp");
      if (filters.startTime() != null) {
        range.put("gte", filters.startTime().toInstant().toEpochMilli());
      }
      if (filters.endTime() != null) {
        range.put("lte", filters.endTime().toInstant().toEpochMilli());
      }
    }
    return node;
  }

  private List<MemoryItem> items(JsonNode data) {
    var items = new ArrayList<MemoryItem>();
    for (JsonNode e : data.path("episodes")) {
      items.add(
          new MemoryItem(
              e.path("id").asText(null),
              MemoryType.EPISODIC_MEMORY.wireName(),
              text(e, "user_id"),
              text(e, "group_id"),
              text(e, "session_id"),
              text(e, "timestamp"),
              text(e, "subject"),
              text(e, "summary"),
              text(e, "episode"),
              number(e, "score"),
              strings(e.path("sender_ids")),
              null));
    }
    for (JsonNode p : data.path("profiles")) {
      items.add(
          new MemoryItem(
              p.path("id").asText(null),
              MemoryType.PROFILE.wireName(),
              text(p, "user_id"),
              text(p, "group_id"),
              null,
              null,
              null,
              null,
              null,
              number(p, "score"),
              null,
              p.path("profile_data").isObject()
                  ? json.convertValue(p.path("profile_data"), MAP)
                  : null));
    }
    return items;
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  static void requireSupported(MemoryType type) {
    if (!SUPPORTED.contains(type)) {
      throw Problem.badRequest(
              "memory type "
                  + type.wireName()
                  + " is not offered by the configured EverMemOS API; use episodic_memory or"
                  + " profile")
          .asException();
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  static Double number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.asDouble() : null;
  }

  static List<String> strings(JsonNode array) {
    if (!array.isArray()) {
      return null;
    }
    var values = new ArrayList<String>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
