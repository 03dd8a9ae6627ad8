package io.agentic.platform.executor.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test LLM provider speaking the OpenAI chat-completions and Anthropic Messages wire formats
 * on a loopback port. It answers by echoing the last user message, unless a test scripted failures
 * or holds calls to observe runs in flight.
 */
public final class FakeLlm {

  /** A scripted answer for a call whose last user message contains {@code marker}. */
  public record Scripted(String marker, int status, Map<String, String> headers, String body) {}

  /** One call as received. */
  public record Call(String path, Map<String, String> headers, JsonObject body) {
    public String lastUserMessage() {
      JsonArray messages = body.getJsonArray("messages");
      for (int i = messages.size() - 1; i >= 0; i--) {
        JsonObject m = messages.getJsonObject(i);
        if ("user".equals(m.getString("role"))) {
          return m.getString("content");
        }
      }
      return "";
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private volatile String holdMarker;
  private final java.util.Set<String> endless = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FakeLlm() throws Exception {
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

  /** The next call whose last user message contains the marker gets this answer. */
  public void script(String marker, int status, Map<String, String> headers, String body) {
    script.add(new Scripted(marker, status, headers, body));
  }

  /**
   * Calls whose last user message contains {@code marker} get a 200 whose chunked body never ends
   * (16 KiB every 5 ms until the client goes away), as a broken proxy might send.
   */
  public void streamEndlessly(String marker) {
    endless.add(marker);
  }

  /** Calls whose last user message contains {@code marker} wait until {@link #release()}. */
  public void holdCalls(String marker) {
    holdMarker = marker;
    hold = new CountDownLatch(1);
  }

  public void release() {
    hold.countDown();
  }

  public List<Call> calls() {
    return calls;
  }

  public List<Call> callsWith(String marker) {
    return calls.stream().filter(c -> c.lastUserMessage().contains(marker)).toList();
  }

  public int concurrent() {
    return concurrent.get();
  }

  public int maxConcurrent() {
    return maxConcurrent.get();
  }

  public void resetConcurrency() {
    maxConcurrent.set(0);
  }

  private void handle(HttpServerRequest request) {
    request.bodyHandler(
        buffer -> {
          JsonObject body = buffer.toJsonObject();
          Map<String, String> headers = new java.util.HashMap<>();
          request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
          Call call = new Call(request.path(), headers, body);
          calls.add(call);
          int now = concurrent.incrementAndGet();
          maxConcurrent.accumulateAndGet(now, Math::max);
          String user = call.lastUserMessage();
          CountDownLatch latch = hold;
          String marker = holdMarker;
          if (marker != null && user.contains(marker) && latch.getCount() > 0) {
            vertx
                .executeBlocking(
                    () -> latch.await(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS),
                    false)
                .onComplete(done -> answer(request, call, user));
          } else {
            answer(request, call, user);
          }
        });
  }

  private void answer(HttpServerRequest request, Call call, String user) {
    concurrent.decrementAndGet();
    if (endless.stream().anyMatch(user::contains)) {
      var response =
          request.response().setChunked(true).putHeader("Content-Type", "application/json");
      response.write("{\"padding\":\"");
      io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(" ".repeat(16 * 1024));
      vertx.setPeriodic(
          5,
          timer -> {
            if (response.closed() || response.ended()) {
              vertx.cancelTimer(timer);
            } else {
              response.write(chunk);
            }
          });
      return;
    }
    for (Scripted s : script) {
      if (user.contains(s.marker()) && script.remove(s)) {
        request.response().setStatusCode(s.status());
        s.headers().forEach(request.response()::putHeader);
        request.response().end(s.body());
        return;
      }
    }
    String model = call.body().getString("model");
    String text = "echo: " + user;
    JsonObject answer;
    if (call.path().endsWith("/v1/messages")) {
      answer =
          new JsonObject()
              .put("id", "msg_fake")
              .put("type", "message")
              .put("role", "assistant")
              .put("model", model)
              .put(
                  "content",
                  new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
              .put("stop_reason", "end_turn")
              .put("usage", new JsonObject().put("input_tokens", 11).put("output_tokens", 7));
    } else {
      answer =
          new JsonObject()
              .put("id", "chatcmpl-fake")
              .put("object", "chat.completion")
              .put("model", model)
              .put(
                  "choices",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("index", 0)
                              .put(
                                  "message",
                                  new JsonObject().put("role", "assistant").put("content", text))
                              .put("finish_reason", "stop")))
              .put(
                  "usage",
                  new JsonObject()
                      .put("prompt_tokens", 13)
                      .put("completion_tokens", 5)
                      .put("total_tokens", 18));
    }
    request.response().putHeader("Content-Type", "application/json").end(answer.encode());
  }
}
