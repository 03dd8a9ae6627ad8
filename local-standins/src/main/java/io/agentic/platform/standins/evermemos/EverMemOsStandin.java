package io.agentic.platform.standins.evermemos;

import io.agentic.platform.standins.BoundedBody;
import io.agentic.platform.standins.Responses;
import io.agentic.platform.standins.Standin;
import io.agentic.platform.standins.StandinsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Stands in for EverMemOS, speaking its current API (all POST under /api/v1/memories, answers in a
 * {@code data} envelope) as the memory-gateway's adapter calls it. Search is keyword-only, whatever
 * method is asked for; profiles are always empty.
 */
@ApplicationScoped
public class EverMemOsStandin implements Standin {

  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private static final String BASE = "/api/v1/memories";
  private static final int MAX_TOP_K = 100;
  private static final int MAX_PAGE_SIZE = 500;

  private final MemoryStore store;
  private final int port;
  private final Map<String, Function<JsonObject, JsonObject>> operations =
      Map.of(
          BASE,
          this::storeForUser,
          BASE + "/group",
          this::storeForGroup,
          BASE + "/search",
          this::search,
          BASE + "/get",
          this::get,
          BASE + "/delete",
          this::delete,
          BASE + "/flush",
          body -> flush(body, "user_id"),
          BASE + "/group/flush",
          body -> flush(body, "group_id"));

  EverMemOsStandin(StandinsConfig config) {
    this.port = config.evermemos().port();
    this.store = new MemoryStore(config.evermemos().maxMessages());
  }

  @Override
  public String name() {
    return "evermemos";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Function<JsonObject, JsonObject> operation = operations.get(request.path());
    if (operation == null) {
      error(request, new EverMemOsError(404, "RESOURCE_NOT_FOUND", "no such endpoint"));
    } else if (request.method() != HttpMethod.POST) {
      error(request, new EverMemOsError(405, "INVALID_PARAMETER", "use POST"));
    } else {
      BoundedBody.read(request, MAX_BODY_BYTES)
          .onSuccess(body -> answer(request, operation, body))
          .onFailure(
              failure ->
                  error(
                      request,
                      new EverMemOsError(
                          failure instanceof BoundedBody.TooLarge ? 413 : 400,
                          "INVALID_PARAMETER",
                          failure.getMessage())));
    }
  }

  private void answer(
      HttpServerRequest request, Function<JsonObject, JsonObject> operation, Buffer body) {
    try {
      JsonObject json =
          Responses.jsonObject(body)
              .orElseThrow(() -> EverMemOsError.invalid("the body is not a JSON object"));
      Responses.json(request, 200, new JsonObject().put("data", operation.apply(json)));
    } catch (EverMemOsError e) {
      error(request, e);
    }
  }

  private JsonObject storeForUser(JsonObject body) {
    String user = Fields.string(body, "user_id");
    String session = Fields.optionalString(body, "session_id");
    return stored(store.store(user, null, session, NewMessage.listFrom(body)));
  }

  private JsonObject storeForGroup(JsonObject body) {
    String group = Fields.string(body, "group_id");
    return stored(store.store(null, group, null, NewMessage.listFrom(body)));
  }

  /** How many of the request's messages were new: a repeated message id counts nothing. */
  private static JsonObject stored(int count) {
    return new JsonObject().put("message_count", count).put("status", "accumulated");
  }

  private JsonObject search(JsonObject body) {
    String query = Fields.string(body, "query");
    List<String> types = Fields.strings(body, "memory_types");
    int topK = Fields.positiveInt(body, "top_k", 10, MAX_TOP_K);
    MemoryFilter filter = MemoryFilter.ofFilters(body);
    JsonArray episodes = new JsonArray();
    if (types.isEmpty() || types.contains("episodic_memory")) {
      store
          .search(filter, query, topK)
          .forEach(hit -> episodes.add(hit.episode().toJson().put("score", hit.score())));
    }
    return new JsonObject().put("episodes", episodes).put("profiles", new JsonArray());
  }

  private JsonObject get(JsonObject body) {
    String type = Fields.optionalString(body, "memory_type");
    if (type != null && !type.equals("episodic_memory") && !type.equals("profile")) {
      throw EverMemOsError.invalid(
          "memory_type: the local stand-in keeps episodic_memory, profile");
    }
    int page = Fields.positiveInt(body, "page", 1, Integer.MAX_VALUE);
    int pageSize = Fields.positiveInt(body, "page_size", 20, MAX_PAGE_SIZE);
    String order = Fields.optionalString(body, "rank_order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw EverMemOsError.invalid("rank_order: asc or desc");
    }
    MemoryFilter filter = MemoryFilter.ofFilters(body);
    if ("profile".equals(type)) {
      return new JsonObject().put("profiles", new JsonArray()).put("total_count", 0);
    }
    MemoryStore.Page found = store.page(filter, !"asc".equals(order), page, pageSize);
    JsonArray episodes = new JsonArray();
    found.episodes().forEach(e -> episodes.add(e.toJson()));
    return new JsonObject()
        .put("episodes", episodes)
        .put("count", episodes.size())
        .put("total_count", found.total());
  }

  private JsonObject delete(JsonObject body) {
    return new JsonObject().put("count", store.delete(MemoryFilter.ofDelete(body)));
  }

  /** Nothing waits for extraction here: every message became an episode when it was stored. */
  private static JsonObject flush(JsonObject body, String owner) {
    Fields.string(body, owner);
    return new JsonObject().put("status", "no_extraction");
  }

  private static void error(HttpServerRequest request, EverMemOsError e) {
    Responses.json(
        request,
        e.status(),
        new JsonObject()
            .put("status", "failed")
            .put("code", e.code())
            .put("message", e.getMessage())
            .put("request_id", UUID.randomUUID().toString())
            .put("timestamp", Instant.now().toString())
            .put("path", request.path()));
  }
}
