package io.agentic.platform.memory.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-memory EverMemOS for tests. It speaks both wire protocols on one port, as documented
 * upstream: the current API (all POST, {@code data} envelope, filter DSL) and the earlier v1 API
 * (one message per POST with {@code message_id}, GET fetch, GET search with a JSON body, DELETE).
 * Every stored message becomes one episodic memory, and every filter is honoured exactly, so
 * isolation tests mean something. A separate control port injects faults and shows what arrived.
 */
public final class FakeEverMemOs {

  record Episode(
      String id,
      String messageId,
      String userId,
      String groupId,
      String sessionId,
      String senderId,
      long timestamp,
      String content) {}

  private final Vertx vertx;
  private final List<Episode> episodes = new ArrayList<>();
  private final Set<String> messageIds = new HashSet<>();
  private final List<JsonObject> received = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  private volatile int failuresLeft;
  private volatile int failureStatus;
  private volatile String failureRetryAfter;
  private volatile long delayMillis;
  private volatile String slowTenant;
  private volatile long slowTenantMillis;
  private final AtomicInteger delayed = new AtomicInteger();
  private volatile boolean ignoreFilters;

  private HttpServer api;
  private HttpServer control;
  private int apiPort;

  public FakeEverMemOs(Vertx vertx) {
    this.vertx = vertx;
  }

  public void start() throws Exception {
    api = listen(0);
    apiPort = api.actualPort();
    control =
        vertx
            .createHttpServer()
            .requestHandler(this::control)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public void stop() throws Exception {
    if (api != null) {
      api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    control.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public String url() {
    return "http://127.0.0.1:" + apiPort;
  }

  public String controlUrl() {
    return "http://127.0.0.1:" + control.actualPort();
  }

  private HttpServer listen(int port) throws Exception {
    return vertx
        .createHttpServer()
        .requestHandler(this::api)
        .listen(port, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  // ---- control port ----

  private void control(HttpServerRequest request) {
    switch (request.path()) {
      case "/reset" -> {
        synchronized (this) {
          episodes.clear();
          messageIds.clear();
          received.clear();
        }
        failuresLeft = 0;
        delayMillis = 0;
        slowTenant = null;
        slowTenantMillis = 0;
        ignoreFilters = false;
        served.set(0);
        done(request, up());
      }
      case "/fail" -> {
        failureStatus = Integer.parseInt(request.getParam("status", "500"));
        failureRetryAfter = request.getParam("retry-after");
        failuresLeft = Integer.parseInt(request.getParam("count", "1"));
        done(request, Future.succeededFuture());
      }
      case "/delay" -> {
        delayMillis = Long.parseLong(request.getParam("ms", "0"));
        done(request, Future.succeededFuture());
      }
      case "/delay-tenant" -> {
        slowTenant = request.getParam("tenant");
        slowTenantMillis = Long.parseLong(request.getParam("ms", "0"));
        done(request, Future.succeededFuture());
      }
      case "/delayed" -> request.response().end(Integer.toString(delayed.get()));
      case "/ignore-filters" -> {
        ignoreFilters = true;
        done(request, Future.succeededFuture());
      }
      case "/down" -> done(request, down());
      case "/up" -> done(request, up());
      case "/served" -> request.response().end(Integer.toString(served.get()));
      case "/received" -> {
        synchronized (this) {
          request.response().end(new JsonArray(new ArrayList<>(received)).encode());
        }
      }
      default -> request.response().setStatusCode(404).end();
    }
  }

  /** Stops listening, so callers see connections refused, as when EverMemOS is gone. */
  private synchronized Future<Void> down() {
    if (api == null) {
      return Future.succeededFuture();
    }
    HttpServer closing = api;
    api = null;
    return closing.close();
  }

  /** Listens again on the same port. */
  private synchronized Future<Void> up() {
    if (api != null) {
      return Future.succeededFuture();
    }
    return vertx
        .createHttpServer()
        .requestHandler(this::api)
        .listen(apiPort, "127.0.0.1")
        .map(
            server -> {
              synchronized (this) {
                api = server;
              }
              return null;
            });
  }

  private static void done(HttpServerRequest request, Future<?> action) {
    action.onComplete(
        result -> {
          if (result.succeeded()) {
            request.response().end("ok");
          } else {
            request.response().setStatusCode(500).end(result.cause().toString());
          }
        });
  }

  // ---- API port ----

  private void api(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              if (request.path().equals("/health")) {
                request
                    .response()
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", "healthy").encode());
                return;
              }
              served.incrementAndGet();
              JsonObject json =
                  body.length() == 0 ? new JsonObject() : new JsonObject(body.toString());
              synchronized (this) {
                received.add(
                    new JsonObject()
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("body", json));
              }
              Runnable answer = () -> answer(request, json);
              long delay = delayMillis;
              String slow = slowTenant;
              // The gateway writes every id as tenant/id, so the body names the calling tenant.
              if (slow != null && body.toString().contains("\"" + slow + "/")) {
                delay = slowTenantMillis;
              }
              if (delay > 0) {
                delayed.incrementAndGet();
                vertx.setTimer(
                    delay,
                    id -> {
                      delayed.decrementAndGet();
                      answer.run();
                    });
              } else {
                answer.run();
              }
            });
  }

  private void answer(HttpServerRequest request, JsonObject body) {
    if (failuresLeft > 0) {
      failuresLeft--;
      if (failureRetryAfter != null) {
        request.response().putHeader("Retry-After", failureRetryAfter);
      }
      error(request, failureStatus, "SYSTEM_ERROR", "injected failure");
      return;
    }
    String path = request.path();
    HttpMethod method = request.method();
    try {
      synchronized (this) {
        if (method == HttpMethod.POST && path.equals("/api/v1/memories")) {
          if (body.containsKey("messages")) {
            storePersonal(request, body);
          } else {
            storeV1(request, body);
          }
        } else if (method == HttpMethod.POST && path.equals("/api/v1/memories/group")) {
          storeGroup(request, body);
        } else if (method == HttpMethod.POST && path.endsWith("/flush")) {
          ok(request, new JsonObject().put("status", "extracted"));
        } else if (method == HttpMethod.POST && path.equals("/api/v1/memories/delete")) {
          deleteCurrent(request, body);
        } else if (method == HttpMethod.POST && path.equals("/api/v1/memories/get")) {
          getCurrent(request, body);
        } else if (method == HttpMethod.POST && path.equals("/api/v1/memories/search")) {
          searchCurrent(request, body);
        } else if (method == HttpMethod.GET && path.equals("/api/v1/memories")) {
          getV1(request);
        } else if (method == HttpMethod.GET && path.equals("/api/v1/memories/search")) {
          searchV1(request, body);
        } else if (method == HttpMethod.DELETE && path.equals("/api/v1/memories")) {
          deleteV1(request, body);
        } else {
          error(request, 404, "RESOURCE_NOT_FOUND", "no such endpoint");
        }
      }
    } catch (RuntimeException e) {
      error(request, 400, "INVALID_PARAMETER", e.getMessage());
    }
  }

  // ---- current API ----

  private void storePersonal(HttpServerRequest request, JsonObject body) {
    String user = body.getString("user_id");
    if (user == null) {
      error(request, 422, "INVALID_PARAMETER", "user_id is required");
      return;
    }
    int count = 0;
    for (Object o : body.getJsonArray("messages")) {
      JsonObject m = (JsonObject) o;
      String sender = m.getString("sender_id", user);
      count +=
          remember(
              m.getString("message_id"),
              user,
              null,
              body.getString("session_id"),
              sender,
              m.getLong("timestamp"),
              m.getString("content"));
    }
    ok(request, new JsonObject().put("message_count", count).put("status", "accumulated"));
  }

  private void storeGroup(HttpServerRequest request, JsonObject body) {
    String group = body.getString("group_id");
    if (group == null) {
      error(request, 422, "INVALID_PARAMETER", "group_id is required");
      return;
    }
    int count = 0;
    for (Object o : body.getJsonArray("messages")) {
      JsonObject m = (JsonObject) o;
      if (m.getString("sender_id") == null) {
        error(request, 422, "INVALID_PARAMETER", "sender_id is required for group messages");
        return;
      }
      count +=
          remember(
              m.getString("message_id"),
              null,
              group,
              null,
              m.getString("sender_id"),
              m.getLong("timestamp"),
              m.getString("content"));
    }
    ok(request, new JsonObject().put("message_count", count).put("status", "accumulated"));
  }

  private void deleteCurrent(HttpServerRequest request, JsonObject body) {
    if (body.getString("user_id") == null && body.getString("group_id") == null) {
      error(request, 422, "INVALID_PARAMETER", "user_id or group_id is required");
      return;
    }
    int before = episodes.size();
    episodes.removeIf(
        e ->
            matches(body.getString("user_id"), e.userId())
                && matches(body.getString("group_id"), e.groupId())
                && matches(body.getString("session_id"), e.sessionId())
                && matches(body.getString("sender_id"), e.senderId()));
    ok(request, new JsonObject().put("count", before - episodes.size()));
  }

  private void getCurrent(HttpServerRequest request, JsonObject body) {
    JsonObject filters = body.getJsonObject("filters");
    if (!scoped(filters)) {
      error(request, 422, "INVALID_PARAMETER", "filters need user_id or group_id");
      return;
    }
    List<Episode> matching = select(e -> ignoreFilters || filter(filters, e));
    Comparator<Episode> order = Comparator.comparingLong(Episode::timestamp);
    if ("desc".equals(body.getString("rank_order", "desc"))) {
      order = order.reversed();
    }
    matching.sort(order);
    int page = body.getInteger("page", 1);
    int size = body.getInteger("page_size", 20);
    List<Episode> slice =
        matching.subList(
            Math.min(matching.size(), (page - 1) * size), Math.min(matching.size(), page * size));
    JsonObject data = new JsonObject();
    if ("profile".equals(body.getString("memory_type"))) {
      data.put("profiles", profiles(matching));
    } else {
      JsonArray items = new JsonArray();
      slice.forEach(e -> items.add(currentEpisode(e, null)));
      data.put("episodes", items).put("count", items.size()).put("total_count", matching.size());
    }
    ok(request, data);
  }

  private void searchCurrent(HttpServerRequest request, JsonObject body) {
    JsonObject filters = body.getJsonObject("filters");
    if (!scoped(filters)) {
      error(request, 422, "INVALID_PARAMETER", "filters need user_id or group_id");
      return;
    }
    String query = body.getString("query");
    int topK = body.getInteger("top_k", 10);
    List<Episode> matching = select(e -> ignoreFilters || filter(filters, e));
    JsonArray types = body.getJsonArray("memory_types", new JsonArray().add("episodic_memory"));
    JsonObject data =
        new JsonObject()
            .put(
                "query",
                new JsonObject().put("text", query).put("method", body.getString("method")));
    if (types.contains("episodic_memory")) {
      JsonArray items = new JsonArray();
      matching.stream()
          .filter(e -> score(query, e) > 0)
          .sorted(Comparator.comparingDouble((Episode e) -> score(query, e)).reversed())
          .limit(topK)
          .forEach(e -> items.add(currentEpisode(e, score(query, e))));
      data.put("episodes", items);
    }
    if (types.contains("profile")) {
      data.put("profiles", profiles(matching));
    }
    ok(request, data);
  }

  private JsonObject currentEpisode(Episode e, Double score) {
    JsonObject item =
        new JsonObject()
            .put("id", e.id())
            .put("user_id", e.userId())
            .put("group_id", e.groupId())
            .put("session_id", e.sessionId())
            .put("timestamp", Instant.ofEpochMilli(e.timestamp()).toString())
            .put("summary", e.content())
            .put("episode", e.content())
            .put("sender_ids", new JsonArray().add(e.senderId()))
            .put("type", "Conversation");
    if (score != null) {
      item.put("score", score);
    }
    return item;
  }

  private JsonArray profiles(List<Episode> matching) {
    JsonArray profiles = new JsonArray();
    matching.stream()
        .map(Episode::userId)
        .filter(u -> u != null)
        .distinct()
        .forEach(
            user ->
                profiles.add(
                    new JsonObject()
                        .put("id", "profile-" + user)
                        .put("user_id", user)
                        .put("scenario", "solo")
                        .put(
                            "profile_data",
                            new JsonObject()
                                .put(
                                    "message_count",
                                    matching.stream()
                                        .filter(e -> user.equals(e.userId()))
                                        .count()))));
    return profiles;
  }

  // ---- v1 API ----

  private void storeV1(HttpServerRequest request, JsonObject body) {
    for (String field : List.of("message_id", "create_time", "sender", "content")) {
      if (body.getString(field) == null) {
        error(request, 400, "INVALID_PARAMETER", field + " is required");
        return;
      }
    }
    long timestamp = OffsetDateTime.parse(body.getString("create_time")).toInstant().toEpochMilli();
    remember(
        body.getString("message_id"),
        body.getString("sender"),
        body.getString("group_id"),
        null,
        body.getString("sender"),
        timestamp,
        body.getString("content"));
    request
        .response()
        .putHeader("content-type", "application/json")
        .end(
            new JsonObject()
                .put("status", "ok")
                .put("message", "Message queued, awaiting boundary detection")
                .put(
                    "result",
                    new JsonObject()
                        .put("saved_memories", new JsonArray())
                        .put("count", 0)
                        .put("status_info", "accumulated"))
                .encode());
  }

  private void getV1(HttpServerRequest request) {
    String user = request.getParam("user_id", "__all__");
    String group = request.getParam("group_id", "__all__");
    if (user.equals("__all__") && group.equals("__all__")) {
      v1Error(request, 400, "user_id or group_id is required");
      return;
    }
    List<Episode> matching =
        select(
            e ->
                ignoreFilters
                    || v1Matches(
                        user,
                        group,
                        e,
                        request.getParam("start_time"),
                        request.getParam("end_time")));
    matching.sort(Comparator.comparingLong(Episode::timestamp).reversed());
    int limit = Integer.parseInt(request.getParam("limit", "40"));
    int offset = Integer.parseInt(request.getParam("offset", "0"));
    JsonArray memories = new JsonArray();
    matching.stream()
        .skip(offset)
        .limit(limit)
        .forEach(
            e -> memories.add(v1Memory(e, request.getParam("memory_type", "episodic_memory"))));
    v1Ok(
        request,
        new JsonObject()
            .put("memories", memories)
            .put("total_count", matching.size())
            .put("has_more", offset + limit < matching.size()));
  }

  private void searchV1(HttpServerRequest request, JsonObject body) {
    String user = body.getString("user_id", "__all__");
    String group = body.getString("group_id", "__all__");
    if (user.equals("__all__") && group.equals("__all__")) {
      v1Error(request, 400, "user_id or group_id is required");
      return;
    }
    String query = body.getString("query");
    List<Episode> matching =
        select(
            e ->
                (ignoreFilters
                        || v1Matches(
                            user,
                            group,
                            e,
                            body.getString("start_time"),
                            body.getString("end_time")))
                    && score(query, e) > 0);
    matching.sort(Comparator.comparingDouble((Episode e) -> score(query, e)).reversed());
    JsonArray items = new JsonArray();
    JsonArray scores = new JsonArray();
    matching.stream()
        .limit(body.getInteger("top_k", 40))
        .forEach(
            e -> {
              items.add(v1Memory(e, "episodic_memory"));
              scores.add(score(query, e));
            });
    v1Ok(
        request,
        new JsonObject()
            .put("memories", new JsonArray().add(new JsonObject().put("episodic_memory", items)))
            .put("scores", new JsonArray().add(new JsonObject().put("episodic_memory", scores)))
            .put("total_count", items.size())
            .put("has_more", false)
            .put("pending_messages", new JsonArray()));
  }

  private void deleteV1(HttpServerRequest request, JsonObject body) {
    String user = body.getString("user_id", "__all__");
    String group = body.getString("group_id", "__all__");
    String event = body.getString("event_id", "__all__");
    if (user.equals("__all__") && group.equals("__all__") && event.equals("__all__")) {
      v1Error(request, 400, "at least one filter is required");
      return;
    }
    int before = episodes.size();
    episodes.removeIf(
        e ->
            v1Matches(user, group, e, null, null)
                && (event.equals("__all__") || event.equals(e.id())));
    v1Ok(
        request,
        new JsonObject().put("filters", new JsonArray()).put("count", before - episodes.size()));
  }

  private JsonObject v1Memory(Episode e, String type) {
    return new JsonObject()
        .put("id", e.id())
        .put("memory_type", type)
        .put("user_id", e.userId())
        .put("group_id", e.groupId())
        .put("timestamp", Instant.ofEpochMilli(e.timestamp()).atOffset(ZoneOffset.UTC).toString())
        .put("content", e.content())
        .put("summary", e.content());
  }

  private static boolean v1Matches(String user, String group, Episode e, String start, String end) {
    return (user.equals("__all__") || user.equals(e.userId()))
        && (group.equals("__all__") || group.equals(e.groupId()))
        && (start == null
            || e.timestamp() >= OffsetDateTime.parse(start).toInstant().toEpochMilli())
        && (end == null || e.timestamp() <= OffsetDateTime.parse(end).toInstant().toEpochMilli());
  }

  // ---- shared ----

  private int remember(
      String messageId,
      String user,
      String group,
      String session,
      String sender,
      long timestamp,
      String content) {
    if (messageId != null && !messageIds.add(messageId)) {
      return 0;
    }
    episodes.add(
        new Episode(
            "mem-" + ids.incrementAndGet(),
            messageId,
            user,
            group,
            session,
            sender,
            timestamp,
            content));
    return 1;
  }

  private List<Episode> select(Predicate<Episode> predicate) {
    return new ArrayList<>(episodes.stream().filter(predicate).toList());
  }

  /** The current API refuses filters that name neither a user nor a group at the top level. */
  private static boolean scoped(JsonObject filters) {
    return filters != null && (filters.containsKey("user_id") || filters.containsKey("group_id"));
  }

  /** The filter DSL: top-level keys ANDed, AND/OR lists, eq (implicit), in, gt, gte, lt, lte. */
  static boolean filter(JsonObject filter, Episode e) {
    for (Map.Entry<String, Object> entry : filter) {
      boolean holds =
          switch (entry.getKey()) {
            case "AND" ->
                ((JsonArray) entry.getValue()).stream().allMatch(f -> filter((JsonObject) f, e));
            case "OR" ->
                ((JsonArray) entry.getValue()).stream().anyMatch(f -> filter((JsonObject) f, e));
            case "user_id" -> condition(entry.getValue(), e.userId());
            case "group_id" -> condition(entry.getValue(), e.groupId());
            case "session_id" -> condition(entry.getValue(), e.sessionId());
            case "timestamp" -> condition(entry.getValue(), e.timestamp());
            default -> throw new IllegalArgumentException("unknown filter field " + entry.getKey());
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static boolean condition(Object condition, Object actual) {
    if (!(condition instanceof JsonObject ops)) {
      return equal(condition, actual);
    }
    for (Map.Entry<String, Object> op : ops) {
      boolean holds =
          switch (op.getKey()) {
            case "eq" -> equal(op.getValue(), actual);
            case "in" -> ((JsonArray) op.getValue()).stream().anyMatch(v -> equal(v, actual));
            case "gt" -> compare(actual, op.getValue()) > 0;
            case "gte" -> compare(actual, op.getValue()) >= 0;
            case "lt" -> compare(actual, op.getValue()) < 0;
            case "lte" -> compare(actual, op.getValue()) <= 0;
            default -> throw new IllegalArgumentException("unknown operator " + op.getKey());
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static boolean equal(Object expected, Object actual) {
    if (expected instanceof Number n && actual instanceof Number a) {
      return n.longValue() == a.longValue();
    }
    return expected != null && expected.equals(actual);
  }

  private static int compare(Object actual, Object bound) {
    if (!(actual instanceof Number a) || !(bound instanceof Number b)) {
      return Integer.MIN_VALUE;
    }
    return Long.compare(a.longValue(), b.longValue());
  }

  private static boolean matches(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static double score(String query, Episode e) {
    String content = e.content().toLowerCase(Locale.ROOT);
    String[] words = query.toLowerCase(Locale.ROOT).split("\\W+");
    long hits =
        java.util.Arrays.stream(words).filter(w -> !w.isEmpty() && content.contains(w)).count();
    return words.length == 0 ? 0 : (double) hits / words.length;
  }

  private static void ok(HttpServerRequest request, JsonObject data) {
    request
        .response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("data", data).encode());
  }

  private static void error(HttpServerRequest request, int status, String code, String message) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(
            new JsonObject()
                .put("code", code)
                .put("status", "failed")
                .put("message", message + " (internal detail: mongo shard 7)")
                .put("request_id", "req-" + System.nanoTime())
                .put("timestamp", Instant.now().toString())
                .put("path", request.path())
                .encode());
  }

  private static void v1Ok(HttpServerRequest request, JsonObject result) {
    request
        .response()
        .putHeader("content-type", "application/json")
        .end(
            new JsonObject()
                .put("status", "ok")
                .put("message", "ok")
                .put("result", result)
                .encode());
  }

  private static void v1Error(HttpServerRequest request, int status, String message) {
    error(request, status, "INVALID_PARAMETER", message);
  }
}
