package io.agentic.platform.standins.evermemos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {

  private static final MemoryFilter ALICE =
      new MemoryFilter("alice", null, null, null, Long.MIN_VALUE, Long.MAX_VALUE);

  @Test
  void refusesWhatWouldPassTheBoundAndKeepsWhatItHad() {
    MemoryStore store = new MemoryStore(2);
    store.store("alice", null, null, List.of(message("m-1"), message("m-2")));

    EverMemOsError full =
        assertThrows(
            EverMemOsError.class,
            () -> store.store("alice", null, null, List.of(message("m-2"), message("m-3"))));

    assertEquals(507, full.status());
    assertEquals(2, store.page(ALICE, true, 1, 10).total());
    // Already stored messages are not new, so repeating them is fine even when full.
    assertEquals(0, store.store("alice", null, null, List.of(message("m-1"))));
  }

  @Test
  void aRepeatedIdWithinOneRequestIsStoredOnce() {
    MemoryStore store = new MemoryStore(10);

    assertEquals(1, store.store("alice", null, null, List.of(message("m-1"), message("m-1"))));
  }

  @Test
  void messageIdsAreScopedToTheirOwner() {
    MemoryStore store = new MemoryStore(10);
    store.store("alice", null, null, List.of(message("m-1")));

    assertEquals(1, store.store("bob", null, null, List.of(message("m-1"))));
  }

  @Test
  void keywordsIgnoreShortWordsCaseAndPunctuation() {
    assertEquals(
        java.util.Set.of("tea", "green", "2024"), Keywords.of("Green TEA, is it? (2024) tea!"));
    assertEquals(0.5, Keywords.score(Keywords.of("green coffee"), Keywords.of("green tea")));
    assertEquals(0.0, Keywords.score(Keywords.of("an"), Keywords.of("an apple")));
  }

  private static NewMessage message(String id) {
    return new NewMessage(id, null, "user", 1_000L, "text of " + id);
  }
}
