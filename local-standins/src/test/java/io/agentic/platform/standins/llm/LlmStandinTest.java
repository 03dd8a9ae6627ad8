package io.agentic.platform.standins.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.standins.Http;
import io.agentic.platform.standins.StandinPorts;
import io.agentic.platform.standins.StandinsConfig;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StandinPorts.class, scope = TestResourceScope.GLOBAL)
class LlmStandinTest {

  private static final String MEMORY =
      "Memories from earlier conversations:\n"
          + "- (2024-05-01T10:00:00Z) The user's favourite tea is lapsang souchong";

  @Inject StandinsConfig config;

  @Test
  void chatCompletionShowsSystemPromptMemoriesAndTurns() {
    JsonObject request =
        new JsonObject()
            .put("model", "gpt-test")
            .put("temperature", 0.2)
            .put("max_tokens", 100)
            .put(
                "messages",
                new JsonArray()
                    .add(message("system", "You are a helpful pirate."))
                    .add(message("system", MEMORY))
                    .add(message("user", "Hi there"))
                    .add(message("assistant", "Arr, hello"))
                    .add(message("user", "Which tea do I like?")));

    HttpResponse<String> response = post("/v1/chat/completions", request);

    assertEquals(200, response.statusCode(), response.body());
    JsonObject answer = Http.json(response);
    String reply =
        "[local stand-in model] You said: \"Which tea do I like?\". System messages seen: 2"
            + " (\"You are a helpful pirate.\" | \"Memories from earlier conversations: -"
            + " (2024-05-01T10:00:00Z) The user's favourite tea is lapsang souchong\")."
            + " Earlier turns in this conversation: 2.";
    JsonObject choice = answer.getJsonArray("choices").getJsonObject(0);
    assertEquals(reply, choice.getJsonObject("message").getString("content"));
    assertEquals("assistant", choice.getJsonObject("message").getString("role"));
    assertEquals(0, choice.getInteger("index"));
    assertEquals("stop", choice.getString("finish_reason"));
    assertTrue(answer.getString("id").matches("chatcmpl-standin-\\d+"), answer.getString("id"));
    assertEquals("chat.completion", answer.getString("object"));
    assertEquals("gpt-test", answer.getString("model"));
    long now = Instant.now().getEpochSecond();
    assertTrue(Math.abs(now - answer.getLong("created")) < 60, answer.encode());
    // Words: 5 + 13 + 2 + 2 + 5 in, 39 in the reply.
    assertEquals(
        new JsonObject()
            .put("prompt_tokens", 27)
            .put("completion_tokens", 39)
            .put("total_tokens", 66),
        answer.getJsonObject("usage"));
  }

  @Test
  void messagesCountTheTopLevelSystemAsFirstSystemMessage() {
    JsonObject request =
        new JsonObject()
            .put("model", "claude-test")
            .put("max_tokens", 64)
            .put("system", "Answer briefly.")
            .put(
                "messages",
                new JsonArray()
                    .add(message("user", "one"))
                    .add(message("assistant", "two"))
                    .add(message("user", "three four")));

    HttpResponse<String> response = post("/v1/messages", request);

    assertEquals(200, response.statusCode(), response.body());
    JsonObject answer = Http.json(response);
    assertTrue(answer.getString("id").matches("msg_standin_\\d+"), answer.getString("id"));
    assertEquals("message", answer.getString("type"));
    assertEquals("assistant", answer.getString("role"));
    assertEquals("claude-test", answer.getString("model"));
    assertEquals("end_turn", answer.getString("stop_reason"));
    JsonObject content = answer.getJsonArray("content").getJsonObject(0);
    assertEquals("text", content.getString("type"));
    assertEquals(
        "[local stand-in model] You said: \"three four\". System messages seen: 1"
            + " (\"Answer briefly.\"). Earlier turns in this conversation: 2.",
        content.getString("text"));
    assertEquals(
        new JsonObject().put("input_tokens", 6).put("output_tokens", 19),
        answer.getJsonObject("usage"));
  }

  @Test
  void messageWithoutContentIsRefusedInEitherFormat() {
    JsonArray messages = new JsonArray().add(new JsonObject().put("role", "user"));

    HttpResponse<String> openAi =
        post("/v1/chat/completions", new JsonObject().put("model", "m").put("messages", messages));
    HttpResponse<String> anthropic =
        post("/v1/messages", new JsonObject().put("model", "m").put("messages", messages));

    assertEquals(400, openAi.statusCode());
    JsonObject openAiError = Http.json(openAi).getJsonObject("error");
    assertEquals("invalid_request_error", openAiError.getString("type"));
    assertTrue(openAiError.getString("message").contains("messages[0].content"), openAi.body());
    assertEquals(400, anthropic.statusCode());
    JsonObject anthropicError = Http.json(anthropic);
    assertEquals("error", anthropicError.getString("type"));
    assertEquals("invalid_request_error", anthropicError.getJsonObject("error").getString("type"));
    assertTrue(
        anthropicError.getJsonObject("error").getString("message").contains("content"),
        anthropic.body());
  }

  @Test
  void malformedRequestsAreRefused() {
    assertEquals(400, postRaw("/v1/chat/completions", "not json").statusCode());
    assertEquals(400, postRaw("/v1/chat/completions", "[1, 2]").statusCode());
    assertEquals(
        400,
        post(
                "/v1/chat/completions",
                new JsonObject().put("model", "m").put("messages", new JsonArray()))
            .statusCode());
    assertEquals(
        400,
        post(
                "/v1/messages",
                new JsonObject()
                    .put("model", "m")
                    .put("system", 42)
                    .put("messages", new JsonArray().add(message("user", "hi"))))
            .statusCode());
  }

  @Test
  void unknownPathIsNotFound() {
    HttpResponse<String> response = post("/v1/embeddings", new JsonObject());

    assertEquals(404, response.statusCode());
    assertEquals(
        "invalid_request_error", Http.json(response).getJsonObject("error").getString("type"));
  }

  @Test
  void bodyOverOneMebibyteIsTooLarge() {
    String big = "x".repeat(LlmStandin.MAX_BODY_BYTES);
    JsonObject request =
        new JsonObject()
            .put("model", "m")
            .put("messages", new JsonArray().add(message("user", big)));

    HttpResponse<String> response = post("/v1/chat/completions", request);

    assertEquals(413, response.statusCode());
  }

  private HttpResponse<String> post(String path, JsonObject body) {
    return Http.postJson(config, config.llm().port(), path, body);
  }

  private HttpResponse<String> postRaw(String path, String body) {
    return Http.send(
        Http.request(config, config.llm().port(), path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }
}
