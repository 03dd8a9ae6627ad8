package io.agentic.platform.controller.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedWorkQueueTest {

  @Test
  void aKeyAddedWhileItIsHandledIsHandledAgainAfterwardsNeverAtTheSameTime() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    List<String> handled = new CopyOnWriteArrayList<>();
    CountDownLatch twice = new CountDownLatch(2);
    try (KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "test",
            4,
            key -> {
              maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              handled.add(key);
              inside.countDown();
              await(release);
              running.decrementAndGet();
              twice.countDown();
            },
            Duration.ofMillis(10),
            Duration.ofMillis(10))) {
      queue.add("a");
      assertTrue(inside.await(5, TimeUnit.SECONDS));
      queue.add("a");
      queue.add("a");
      release.countDown();
      assertTrue(twice.await(5, TimeUnit.SECONDS));
      awaitIdle(queue);
      assertEquals(List.of("a", "a"), handled);
      assertEquals(1, maxRunning.get());
    }
  }

  @Test
  void keysAddedWhileQueuedAreHandledOnce() throws Exception {
    CountDownLatch block = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    try (KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "test",
            1,
            key -> {
              if (key.equals("blocker")) {
                await(block);
              }
              handled.add(key);
            },
            Duration.ofMillis(10),
            Duration.ofMillis(10))) {
      queue.add("blocker");
      queue.add("b");
      queue.add("b");
      queue.add("b");
      block.countDown();
      awaitIdle(queue);
      assertEquals(List.of("blocker", "b"), handled);
    }
  }

  @Test
  void aFailingKeyIsRetriedWithBackoffUntilItSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    try (KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "test",
            2,
            key -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("API server unavailable");
              }
              done.countDown();
            },
            Duration.ofMillis(20),
            Duration.ofSeconds(1))) {
      queue.add("a");
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertEquals(3, attempts.get());
      assertEquals(Duration.ofMillis(20), queue.backoff(1));
      assertEquals(Duration.ofMillis(40), queue.backoff(2));
      assertEquals(Duration.ofSeconds(1), queue.backoff(30));
    }
  }

  private static void awaitIdle(KeyedWorkQueue<?> queue) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (queue.pending() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(0, queue.pending());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
