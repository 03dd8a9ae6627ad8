package io.agentic.platform.standins.evermemos;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stand-in's store is shared by all tests, so each test uses users of its own. */
@QuarkusTest
@WithTestResource(value = StandinPorts.class, scope = TestResourceScope.GLOBAL)
class EverMemOsStandinTest {

  private static final long T0 = 1_714_557_600_000L; // 2024-05-01T10:00:00Z

  @Inject StandinsConfig config;

  @Test
  void keywordSearchFindsTheUsersMemoryAndNoOneElses() {
    String alice = user();
    String bob = user();
    store(alice, "m-1", T0, "My favourite tea is lapsang souchong");
    store(alice, "m-2", T0 + 1, "I walk the dog every morning");

    JsonObject data = data(post("/search", search(alice, "Which tea do I like?")));
    JsonObject none = data(post("/search", search(bob, "Which tea do I like?")));

    JsonArray episodes = data.getJsonArray("episodes");
    assertEquals(1, episodes.size(), data.encode());
    JsonObject episode = episodes.getJsonObject(0);
    assertEquals(alice, episode.getString("user_id"));
    assertEquals("session-1", episode.getString("session_id"));
    assertEquals("My favourite tea is lapsang souchong", episode.getString("episode"));
    assertEquals("My favourite tea is lapsang souchong", episode.getString("summary"));
    assertEquals("My favourite tea is lapsang souchong", episode.getString("subject"));
    assertEquals("2024-05-01T10:00:00Z", episode.getString("timestamp"));
    assertEquals(new JsonArray().add("sender-" + alice), episode.getJsonArray("sender_ids"));
    // Query words of three letters or more: which, tea, like; only "tea" is in the memory.
    assertEquals(1.0 / 3, episode.getDouble("score"), 1e-9);
    assertEquals(new JsonArray(), data.getJsonArray("profiles"));
    assertEquals(0, none.getJsonArray("episodes").size(), none.encode());
  }

  @Test
  void searchRanksByShareOfQueryWordsAndHonoursTopK() {
    String user = user();
    store(user, "m-1", T0, "green tea");
    store(user, "m-2", T0 + 1, "green tea in the garden");
    store(user, "m-3", T0 + 2, "the garden");

    JsonObject request = search(user, "green tea garden").put("top_k", 2);
    JsonArray episodes = data(post("/search", request)).getJsonArray("episodes");

    assertEquals(2, episodes.size());
    assertEquals("green tea in the garden", episodes.getJsonObject(0).getString("episode"));
    assertEquals(1.0, episodes.getJsonObject(0).getDouble("score"), 1e-9);
    assertEquals("green tea", episodes.getJsonObject(1).getString("episode"));
  }

  @Test
  void storingTheSameMessageTwiceKeepsOne() {
    String user = user();

    JsonObject first = data(store(user, "m-1", T0, "once only"));
    JsonObject second = data(store(user, "m-1", T0, "once only"));
    JsonObject page = data(post("/get", get(user)));

    assertEquals(new JsonObject().put("message_count", 1).put("status", "accumulated"), first);
    assertEquals(0, second.getInteger("message_count"));
    assertEquals(1, page.getLong("total_count"));
    assertEquals(1, page.getJsonArray("episodes").size());
  }

  @Test
  void getPagesInTimestampOrderWithinTheTimeRange() {
    String user = user();
    for (int i = 0; i < 5; i++) {
      store(user, "m-" + i, T0 + i * 1000L, "message " + i);
    }

    JsonObject newest = data(post("/get", get(user).put("page_size", 2)));
    JsonObject oldestSecondPage =
        data(post("/get", get(user).put("page_size", 2).put("page", 2).put("rank_order", "asc")));
    JsonObject ranged =
        get(user)
            .put(
                "filters",
                new JsonObject()
                    .put("user_id", user)
                    .put(
                        "timestamp", new JsonObject().put("gte", T0 + 1000).put("lte", T0 + 3000)));

    assertEquals(5, newest.getLong("total_count"));
    assertEquals(
        "message 4", newest.getJsonArray("episodes").getJsonObject(0).getString("episode"));
    assertEquals(
        "message 2",
        oldestSecondPage.getJsonArray("episodes").getJsonObject(0).getString("episode"));
    assertEquals(3, data(post("/get", ranged)).getLong("total_count"));
  }

  @Test
  void groupMemoriesAreSearchedByGroup() {
    String group = "group-" + UUID.randomUUID();
    JsonObject body =
        new JsonObject()
            .put("group_id", group)
            .put("messages", new JsonArray().add(message("g-1", T0, "The team meets on Tuesdays")));

    assertEquals(1, data(post("/group", body)).getInteger("message_count"));
    JsonObject request =
        new JsonObject()
            .put("query", "when does the team meet on tuesdays")
            .put("filters", new JsonObject().put("group_id", group));
    JsonObject episode = data(post("/search", request)).getJsonArray("episodes").getJsonObject(0);
    assertEquals(group, episode.getString("group_id"));
    assertEquals(null, episode.getString("user_id"));
  }

  @Test
  void deleteByUserRemovesOnlyThatUsersMemories() {
    String alice = user();
    String bob = user();
    store(alice, "m-1", T0, "alpha memory");
    store(alice, "m-2", T0, "alpha again");
    store(bob, "m-1", T0, "alpha for bob");

    JsonObject deleted = data(post("/delete", new JsonObject().put("user_id", alice)));

    assertEquals(new JsonObject().put("count", 2), deleted);
    assertEquals(0, data(post("/get", get(alice))).getLong("total_count"));
    assertEquals(1, data(post("/get", get(bob))).getLong("total_count"));
  }

  @Test
  void deleteWithoutAnyFilterIsRefused() {
    HttpResponse<String> response = post("/delete", new JsonObject());

    assertEquals(400, response.statusCode());
    JsonObject error = Http.json(response);
    assertEquals("failed", error.getString("status"));
    assertEquals("INVALID_PARAMETER", error.getString("code"));
    assertEquals("/api/v1/memories/delete", error.getString("path"));
  }

  @Test
  void malformedRequestsAreRefused() {
    HttpResponse<String> notJson =
        Http.send(
            Http.request(config, config.evermemos().port(), "/api/v1/memories")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{oops")));
    JsonObject withoutUser =
        new JsonObject().put("messages", new JsonArray().add(message("m", T0, "x")));
    JsonObject withoutContent =
        new JsonObject()
            .put("user_id", user())
            .put(
                "messages",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("message_id", "m")
                            .put("role", "user")
                            .put("timestamp", T0)));
    JsonObject unscopedSearch = new JsonObject().put("query", "x").put("filters", new JsonObject());

    assertEquals(400, notJson.statusCode());
    assertEquals(400, post("", withoutUser).statusCode());
    HttpResponse<String> noContent = post("", withoutContent);
    assertEquals(400, noContent.statusCode());
    assertTrue(Http.json(noContent).getString("message").contains("content"), noContent.body());
    assertEquals(400, post("/search", unscopedSearch).statusCode());
    assertEquals(404, post("/unknown", new JsonObject()).statusCode());
  }

  @Test
  void flushHasNothingToExtract() {
    JsonObject user = new JsonObject().put("user_id", user());
    JsonObject group = new JsonObject().put("group_id", "g");

    assertEquals(new JsonObject().put("status", "no_extraction"), data(post("/flush", user)));
    assertEquals(
        new JsonObject().put("status", "no_extraction"), data(post("/group/flush", group)));
  }

  private HttpResponse<String> store(String user, String messageId, long timestamp, String text) {
    JsonObject body =
        new JsonObject()
            .put("user_id", user)
            .put("session_id", "session-1")
            .put(
                "messages",
                new JsonArray()
                    .add(message(messageId, timestamp, text).put("sender_id", "sender-" + user)));
    return post("", body);
  }

  private static JsonObject message(String id, long timestamp, String content) {
    return new JsonObject()
        .put("message_id", id)
        .put("sender_name", "someone")
        .put("role", "user")
        .put("timestamp", timestamp)
        .put("content", content);
  }

  private static JsonObject search(String user, String query) {
    return new JsonObject()
        .put("query", query)
        .put("method", "hybrid")
        .put("memory_types", new JsonArray().add("episodic_memory").add("profile"))
        .put("top_k", 10)
        .put("filters", new JsonObject().put("user_id", user));
  }

  private static JsonObject get(String user) {
    return new JsonObject()
        .put("memory_type", "episodic_memory")
        .put("page", 1)
        .put("page_size", 20)
        .put("rank_by", "timestamp")
        .put("rank_order", "desc")
        .put("filters", new JsonObject().put("user_id", user));
  }

  private HttpResponse<String> post(String path, JsonObject body) {
    return Http.postJson(config, config.evermemos().port(), "/api/v1/memories" + path, body);
  }

  private static JsonObject data(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response).getJsonObject("data");
  }

  private static String user() {
    return "user-" + UUID.randomUUID();
  }
}
