package io.agentic.platform.executor.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.executor.config.DragonflyConfig;
import io.agentic.platform.executor.request.ChatMessage;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.list.ListCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Recent turns of a session in Dragonfly/Redis: a list of JSON messages per tenant and session,
 * trimmed to the newest {@code DRAGONFLY_SESSION_MAX_TURNS} and expiring {@code
 * DRAGONFLY_SESSION_TTL} after the last update. Blocking client: run worker threads only.
 */
@ApplicationScoped
public class SessionContext {

  static final String PREFIX = "agent-executor:session:";

  private final ListCommands<String, String> lists;
  private final KeyCommands<String> keys;
  private final ObjectMapper mapper;
  private final DragonflyConfig config;

  SessionContext(RedisDataSource redis, ObjectMapper mapper, DragonflyConfig config) {
    this.lists = redis.list(String.class);
    this.keys = redis.key();
    this.mapper = mapper;
    this.config = config;
  }

  /**
   * The list of one tenant's session. Ids may contain ':' (the separator), so each part has its ':'
   * written as {@code %3A} (ids never contain '%'): tenant "a:b" with session "c" and tenant "a"
   * with session "b:c" get keys of their own. Ids without ':' keep the plain key.
   */
  public static String key(String tenant, String sessionId) {
    return PREFIX + escaped(tenant) + ":" + escaped(sessionId);
  }

  private static String escaped(String id) {
    return id.replace(":", "%3A");
  }

  /** Whether session turns are kept at all: run mode may go without Dragonfly/Redis. */
  public boolean available() {
    return config.configured();
  }

  public List<ChatMessage> recent(String tenant, String sessionId) {
    List<String> stored = lists.lrange(key(tenant, sessionId), -config.sessionMaxTurns(), -1);
    List<ChatMessage> turns = new ArrayList<>(stored.size());
    for (String json : stored) {
      try {
        turns.add(mapper.readValue(json, ChatMessage.class));
      } catch (JsonProcessingException e) {
        // A turn this version cannot read is skipped rather than failing every later run.
      }
    }
    return turns;
  }

  /** Appends the run's new turns, trims the list and renews its TTL. */
  public void append(String tenant, String sessionId, List<ChatMessage> turns) {
    if (turns.isEmpty()) {
      return;
    }
    String key = key(tenant, sessionId);
    String[] values = new String[turns.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = mapper.writeValueAsString(turns.get(i));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise a chat message", e);
      }
    }
    lists.rpush(key, values);
    lists.ltrim(key, -config.sessionMaxTurns(), -1);
    keys.expire(key, config.sessionTtl());
  }
}
