package io.agentic.platform.standins.evermemos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's memories, in memory and bounded. Every operation is a short scan under one lock:
 * fine for a local suite, and searching compares precomputed word sets, not text.
 */
final class MemoryStore {

  record Hit(Episode episode, double score) {}

  record Page(List<Episode> episodes, int total) {}

  /**
   * Idempotency is per owner and message id: the same message stored again changes nothing, and one
   * user's message ids can never shadow another's.
   */
  private record MessageKey(String userId, String groupId, String messageId) {}

  private static final Comparator<Episode> OLDEST_FIRST =
      Comparator.comparingLong(Episode::timestamp).thenComparing(Episode::id);

  private final int maxMessages;
  private final Map<MessageKey, Episode> episodes = new LinkedHashMap<>();
  private long lastId;

  MemoryStore(int maxMessages) {
    this.maxMessages = maxMessages;
  }

  /**
   * Stores the messages not stored yet, all or none; answers how many were new. Exactly one of
   * {@code userId} and {@code groupId} is set.
   */
  synchronized int store(
      String userId, String groupId, String sessionId, List<NewMessage> messages) {
    Map<MessageKey, NewMessage> fresh = new LinkedHashMap<>();
    for (NewMessage m : messages) {
      MessageKey key = new MessageKey(userId, groupId, m.messageId());
      if (!episodes.containsKey(key)) {
        fresh.putIfAbsent(key, m);
      }
    }
    if (episodes.size() + fresh.size() > maxMessages) {
      throw EverMemOsError.full(maxMessages);
    }
    fresh.forEach(
        (key, m) ->
            episodes.put(
                key, Episode.of("mem-standin-" + ++lastId, userId, groupId, sessionId, m)));
    return fresh.size();
  }

  /** Matching memories that share a keyword with the query, best first, newest first on ties. */
  synchronized List<Hit> search(MemoryFilter filter, String query, int topK) {
    Set<String> words = Keywords.of(query);
    return episodes.values().stream()
        .filter(filter::matches)
        .map(e -> new Hit(e, Keywords.score(words, e.words())))
        .filter(hit -> hit.score() > 0)
        .sorted(
            Comparator.comparingDouble(Hit::score)
                .thenComparing(Hit::episode, OLDEST_FIRST)
                .reversed())
        .limit(topK)
        .toList();
  }

  /** One page (numbered from 1) of the matching memories in timestamp order. */
  synchronized Page page(MemoryFilter filter, boolean newestFirst, int page, int pageSize) {
    List<Episode> matching =
        new ArrayList<>(episodes.values().stream().filter(filter::matches).toList());
    matching.sort(newestFirst ? OLDEST_FIRST.reversed() : OLDEST_FIRST);
    long from = Math.min((long) (page - 1) * pageSize, matching.size());
    long to = Math.min(from + pageSize, matching.size());
    return new Page(List.copyOf(matching.subList((int) from, (int) to)), matching.size());
  }

  /** Deletes the matching memories and answers how many there were. */
  synchronized int delete(MemoryFilter filter) {
    int before = episodes.size();
    episodes.values().removeIf(filter::matches);
    return before - episodes.size();
  }
}
