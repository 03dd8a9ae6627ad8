package io.agentic.platform.memory.evermemos;

import static io.agentic.platform.memory.evermemos.CurrentApi.number;
import static io.agentic.platform.memory.evermemos.CurrentApi.putIfPresent;
import static io.agentic.platform.memory.evermemos.CurrentApi.strings;
import static io.agentic.platform.memory.evermemos.CurrentApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.vertx.core.http.HttpMethod;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The earlier EverMemOS v1 API (v1.1.0): one message per POST /api/v1/memories, GET for fetch, GET
 * with a JSON body for search, DELETE for delete, answers under {@code result}. It has no sessions
 * and no flush, and leaves an absent user or group id as its {@code __all__} wildcard, so the
 * gateway always sends at least one tenant-scoped id (the validation guarantees it).
 */
final class V1Api implements EverMemOs {

  private static final String PATH = "/api/v1/memories";

  private final UpstreamClient upstream;
  private final ObjectMapper json;

  V1Api(UpstreamClient upstream, ObjectMapper json) {
    this.upstream = upstream;
    this.json = json;
  }

  @Override
  public Uni<StoreResult> store(Scoped<StoreRequest> scoped) {
    StoreRequest request = scoped.request();
    noSession(request.sessionId());
    // One message per call, in conversation order: EverMemOS detects episode boundaries as they
    // arrive. Each call is idempotent by message_id and retried on its own.
    Uni<String> chain = Uni.createFrom().item("accumulated");
    for (Message m : request.messages()) {
      ObjectNode body = json.createObjectNode();
      body.put("message_id", m.messageId());
      body.put("create_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(m.timestamp()));
      // Personal memories are attributed to their sender; the user is the sender by default.
      body.put("sender", m.senderId() != null ? m.senderId() : request.userId());
      putIfPresent(body, "sender_name", m.senderName());
      body.put("role", m.role().wireName());
      body.put("content", m.content());
      putIfPresent(body, "group_id", request.groupId());
      chain =
          chain.chain(
              previous ->
                  upstream
                      .send(UpstreamCall.post("store", PATH, body, true))
                      .map(answer -> answer.path("result").path("status_info").asText(previous)));
    }
    return chain.map(status -> new StoreResult(request.messages().size(), status));
  }

  @Override
  public Uni<SearchResult> search(Scoped<SearchRequest> scoped) {
    SearchRequest request = scoped.request();
    Filters filters = request.filters();
    noSession(filters.sessionId());
    for (MemoryType type : request.memoryTypes()) {
      if (type == MemoryType.PROFILE) {
        throw Problem.badRequest(
                "memory_types: the configured EverMemOS API does not search profiles; fetch them"
                    + " with /v1/memories/get")
            .asException();
      }
    }
    ObjectNode body = json.createObjectNode();
    body.put("query", request.query());
    putIfPresent(body, "user_id", filters.userId());
    putIfPresent(body, "group_id", filters.groupId());
    body.put("retrieve_method", request.method().wireName());
    var types = body.putArray("memory_types");
    request.memoryTypes().forEach(t -> types.add(t.wireName()));
    body.put("top_k", request.topK());
    timeRange(filters).forEach(body::put);
    body.put("include_metadata", false);
    return upstream
        .send(new UpstreamCall("search", HttpMethod.GET, PATH + "/search", Map.of(), body, true))
        .map(answer -> new SearchResult(searchItems(answer.path("result"))));
  }

  @Override
  public Uni<GetResult> get(Scoped<GetRequest> scoped) {
    GetRequest request = scoped.request();
    Filters filters = request.filters();
    noSession(filters.sessionId());
    var query = new LinkedHashMap<String, String>();
    if (filters.userId() != null) {
      query.put("user_id", filters.userId());
    }
    if (filters.groupId() != null) {
      query.put("group_id", filters.groupId());
    }
    query.put("memory_type", request.memoryType().wireName());
    query.put("limit", Integer.toString(request.pageSize()));
    query.put("offset", Long.toString((long) (request.page() - 1) * request.pageSize()));
    query.putAll(timeRange(filters));
    return upstream
        .send(new UpstreamCall("get", HttpMethod.GET, PATH, query, null, true))
        .map(
            answer -> {
              JsonNode result = answer.path("result");
              var items = new ArrayList<MemoryItem>();
              result.path("memories").forEach(m -> items.add(item(m, null, null)));
              JsonNode total = result.path("total_count");
              return new GetResult(
                  items,
                  request.page(),
                  request.pageSize(),
                  total.isIntegralNumber() ? total.asLong() : null);
            });
  }

  @Override
  public Uni<DeleteResult> delete(Scoped<DeleteRequest> scoped) {
    DeleteRequest request = scoped.request();
    noSession(request.sessionId());
    if (request.senderId() != null) {
      throw Problem.badRequest("sender_id: the configured EverMemOS API cannot delete by sender")
          .asException();
    }
    ObjectNode body = json.createObjectNode();
    putIfPresent(body, "user_id", request.userId());
    putIfPresent(body, "group_id", request.groupId());
    return upstream
        .send(new UpstreamCall("delete", HttpMethod.DELETE, PATH, Map.of(), body, false))
        .map(
            answer -> {
              JsonNode count = answer.path("result").path("count");
              return new DeleteResult(count.isIntegralNumber() ? count.asInt() : null);
            });
  }

  @Override
  public Uni<FlushResult> flush(Scoped<FlushRequest> scoped) {
    return Uni.createFrom()
        .failure(
            Problem.notSupported(
                    "the configured EverMemOS API (v1) extracts memories on its own and has no"
                        + " flush")
                .asException());
  }

  private List<MemoryItem> searchItems(JsonNode result) {
    var items = new ArrayList<MemoryItem>();
    JsonNode groups = result.path("memories");
    JsonNode scores = result.path("scores");
    for (int g = 0; g < groups.size(); g++) {
      JsonNode group = groups.get(g);
      var types = group.fieldNames();
      while (types.hasNext()) {
        String type = types.next();
        JsonNode memories = group.path(type);
        JsonNode typeScores = scores.path(g).path(type);
        for (int i = 0; i < memories.size(); i++) {
          items.add(item(memories.get(i), type, scoreAt(typeScores, i)));
        }
      }
    }
    return items;
  }

  private MemoryItem item(JsonNode m, String type, Double score) {
    String id = text(m, "id") != null ? text(m, "id") : text(m, "event_id");
    return new MemoryItem(
        id,
        text(m, "memory_type") != null ? text(m, "memory_type") : type,
        text(m, "user_id"),
        text(m, "group_id"),
        null,
        text(m, "timestamp"),
        text(m, "subject"),
        text(m, "summary"),
        text(m, "content") != null ? text(m, "content") : text(m, "episode"),
        score != null ? score : number(m, "score"),
        strings(m.path("participants")),
        null);
  }

  private static Double scoreAt(JsonNode array, int index) {
    JsonNode value = array.path(index);
    return value.isNumber() ? value.asDouble() : null;
  }

  private static Map<String, String> timeRange(Filters filters) {
    var range = new LinkedHashMap<String, String>();
    if (filters.startTime() != null) {
      range.put("start_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(filters.startTime()));
    }
    if (filters.endTime() != null) {
      range.put("end_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(filters.endTime()));
    }
    return range;
  }

  private static void noSession(String sessionId) {
    if (sessionId != null) {
      throw Problem.badRequest(
              "session_id: the configured EverMemOS API (v1) has no sessions; leave it out")
          .asException();
    }
  }
}
