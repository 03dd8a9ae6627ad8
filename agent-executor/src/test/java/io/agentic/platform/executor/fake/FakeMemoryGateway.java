package io.agentic.platform.executor.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An in-test memory-gateway on a loopback port: {@code POST /v1/memories} and {@code POST
 * /v1/memories/search} with the gateway's snake_case JSON, checked as strictly as the gateway does
 * (unknown fields, required fields, id rule, timestamps with an offset: 400 problem+json). It takes
 * the tenant from the bearer token's {@code tenant} claim (unverified) or X-Tenant-ID, records
 * every call, answers searches with the memories a test gave for the user, and misbehaves on
 * request.
 */
public final class FakeMemoryGateway {

  /** One call as received; {@code status} is what the fake answered (0: no answer). */
  public record Call(String path, Map<String, String> headers, JsonObject body, int status) {}

  /** A misbehaviour for the next call whose body contains {@code marker}. */
  public sealed interface Trouble {
    String marker();
  }

  /** Answers only after {@code delay}. */
  public record Slow(String marker, Duration delay) implements Trouble {}

  /** Answers with {@code status} and a problem. */
  public record Fails(String marker, int status) implements Trouble {}

  /** Closes the connection without an answer, as a gateway that went away does. */
  public record Down(String marker) implements Trouble {}

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  private static final Set<String> STORE_FIELDS =
      Set.of("user_id", "group_id", "session_id", "messages");
  private static final Set<String> MESSAGE_FIELDS =
      Set.of("message_id", "sender_id", "sender_name", "role", "content", "timestamp");
  private static final Set<String> SEARCH_FIELDS =
      Set.of("query", "method", "memory_types", "top_k", "filters");
  private static final Set<String> FILTER_FIELDS =
      Set.of("user_id", "group_id", "session_id", "start_time", "end_time");
  private static final Set<String> METHODS = Set.of("keyword", "vector", "hybrid", "agentic");

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, JsonArray> memories = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Trouble> troubles = new ConcurrentLinkedQueue<>();

  public FakeMemoryGateway() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public void close() {
    vertx.close();
  }

  /** Searches among {@code userId}'s memories find these, in this order. */
  public void remember(String userId, JsonArray found) {
    memories.put(userId, found);
  }

  public void trouble(Trouble trouble) {
    troubles.add(trouble);
  }

  /** Calls to {@code path} whose body mentions {@code marker}. */
  public List<Call> calls(String path, String marker) {
    return calls.stream()
        .filter(c -> c.path().equals(path) && c.body().encode().contains(marker))
        .toList();
  }

  public List<Call> searches(String marker) {
    return calls("/v1/memories/search", marker);
  }

  public List<Call> stores(String marker) {
    return calls("/v1/memories", marker);
  }

  private void handle(HttpServerRequest request) {
    request.bodyHandler(
        buffer -> {
          Map<String, String> headers = new HashMap<>();
          request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
          JsonObject body;
          try {
            body = buffer.toJsonObject();
          } catch (RuntimeException e) {
            answer(request, headers, new JsonObject(), 400, problem(400, "malformed JSON"));
            return;
          }
          Trouble trouble = takeTrouble(body);
          if (trouble instanceof Down) {
            calls.add(new Call(request.path(), headers, body, 0));
            request.connection().close();
            return;
          }
          if (trouble instanceof Fails fails) {
            answer(request, headers, body, fails.status(), problem(fails.status(), "scripted"));
            return;
          }
          Runnable respond = () -> respond(request, headers, body);
          if (trouble instanceof Slow slow) {
            vertx.setTimer(slow.delay().toMillis(), id -> respond.run());
          } else {
            respond.run();
          }
        });
  }

  private void respond(HttpServerRequest request, Map<String, String> headers, JsonObject body) {
    if (!"POST".equals(request.method().name())
        || !headers.getOrDefault("content-type", "").startsWith("application/json")) {
      answer(request, headers, body, 415, problem(415, "POST application/json only"));
      return;
    }
    if (tenant(headers) == null) {
      answer(request, headers, body, 401, problem(401, "no tenant"));
      return;
    }
    String invalid =
        switch (request.path()) {
          case "/v1/memories" -> invalidStore(body);
          case "/v1/memories/search" -> invalidSearch(body);
          default -> "no such path";
        };
    if (invalid != null) {
      answer(request, headers, body, 400, problem(400, invalid));
      return;
    }
    if (request.path().equals("/v1/memories")) {
      int accepted = body.getJsonArray("messages").size();
      answer(
          request,
          headers,
          body,
          200,
          new JsonObject().put("accepted", accepted).put("status", "accumulated"));
    } else {
      String user = body.getJsonObject("filters").getString("user_id");
      answer(
          request,
          headers,
          body,
          200,
          new JsonObject().put("memories", memories.getOrDefault(user, new JsonArray())));
    }
  }

  private void answer(
      HttpServerRequest request,
      Map<String, String> headers,
      JsonObject body,
      int status,
      JsonObject answer) {
    calls.add(new Call(request.path(), headers, body, status));
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", status == 200 ? "application/json" : "application/problem+json")
        .end(answer.encode());
  }

  private Trouble takeTrouble(JsonObject body) {
    String text = body.encode();
    for (Trouble trouble : troubles) {
      if (text.contains(trouble.marker()) && troubles.remove(trouble)) {
        return trouble;
      }
    }
    return null;
  }

  /** The tenant as the gateway finds it: the token's claim, else (development mode) the header. */
  private static String tenant(Map<String, String> headers) {
    String authorization = headers.get("authorization");
    if (authorization != null && authorization.startsWith("Bearer ")) {
      String[] parts = authorization.substring(7).split("\\.");
      if (parts.length < 2) {
        return null;
      }
      return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])))
          .getString("tenant");
    }
    return headers.get("x-tenant-id");
  }

  private static String invalidStore(JsonObject body) {
    String unknown = unknown(body, STORE_FIELDS, "");
    if (unknown != null) {
      return unknown;
    }
    if ((body.getString("user_id") == null) == (body.getString("group_id") == null)) {
      return "give either user_id or group_id";
    }
    JsonArray messages = body.getJsonArray("messages");
    if (messages == null || messages.isEmpty()) {
      return "messages: at least one message is required";
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      String at = "messages[" + i + "]";
      String problem = unknown(m, MESSAGE_FIELDS, at + ".");
      if (problem == null && !id(m.getString("message_id"))) {
        problem = at + ".message_id: required, 1-128 id characters";
      }
      if (problem == null && !Set.of("user", "assistant").contains(m.getString("role"))) {
        problem = at + ".role: user or assistant";
      }
      if (problem == null && (m.getString("content") == null || m.getString("content").isBlank())) {
        problem = at + ".content: required";
      }
      if (problem == null && !timestamp(m.getString("timestamp"))) {
        problem = at + ".timestamp: ISO 8601 with an offset";
      }
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String invalidSearch(JsonObject body) {
    String unknown = unknown(body, SEARCH_FIELDS, "");
    if (unknown != null) {
      return unknown;
    }
    if (body.getString("query") == null || body.getString("query").isBlank()) {
      return "query: required";
    }
    if (body.containsKey("method") && !METHODS.contains(body.getString("method"))) {
      return "method: unknown";
    }
    JsonObject filters = body.getJsonObject("filters");
    if (filters == null || !id(filters.getString("user_id"))) {
      return "filters: give filters.user_id";
    }
    return unknown(filters, FILTER_FIELDS, "filters.");
  }

  private static String unknown(JsonObject object, Set<String> known, String path) {
    return object.fieldNames().stream()
        .filter(name -> !known.contains(name))
        .findFirst()
        .map(name -> "unknown field " + path + name)
        .orElse(null);
  }

  private static boolean id(String value) {
    return value != null && ID.matcher(value).matches();
  }

  private static boolean timestamp(String value) {
    try {
      return value != null && OffsetDateTime.parse(value) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static JsonObject problem(int status, String detail) {
    return new JsonObject()
        .put("type", "https://agentic.io/problems/memory-gateway/fake")
        .put("status", status)
        .put("detail", detail);
  }
}
