package io.agentic.platform.router.logging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchedLineWriterTest {

  /** Collects what was written and the threads that wrote it. */
  private static final class Recorded extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Set<String> writers = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized void write(int b) {
      throw new UnsupportedOperationException("lines are written in blocks");
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writers.add(Thread.currentThread().getName());
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.US_ASCII);
    }
  }

  private static void append(BatchedLineWriter writer, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    writer.append(bytes, bytes.length);
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void writesEachLineInOrderFromItsOwnThread() {
    Recorded out = new Recorded();
    AtomicInteger dropped = new AtomicInteger();
    try (BatchedLineWriter writer =
        new BatchedLineWriter("test-writer", out, 1024, dropped::incrementAndGet)) {
      append(writer, "{\"n\":1}");
      append(writer, "{\"n\":2}");
      append(writer, "{\"n\":3}");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> out.text().equals("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n"));
      assertEquals(Set.of("test-writer"), out.writers);
      assertEquals(0, dropped.get());
    }
  }

  @Test
  void linesOfManyThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
    Recorded out = new Recorded();
    int threads = 4;
    int linesEach = 5_000;
    try (BatchedLineWriter writer = new BatchedLineWriter("many-writer", out, 1 << 20, () -> {})) {
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = "thread " + t + " line ";
        Thread appender =
            new Thread(
                () -> {
                  for (int i = 0; i < linesEach; i++) {
                    append(writer, prefix + i);
                  }
                });
        appender.start();
        appenders.add(appender);
      }
      for (Thread appender : appenders) {
        appender.join();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> out.text().lines().count() == (long) threads * linesEach);
    }
    int[] next = new int[threads];
    for (String line : out.text().lines().toList()) {
      String[] words = line.split(" ");
      int t = Integer.parseInt(words[1]);
      assertEquals("thread " + t + " line " + next[t], line);
      next[t]++;
    }
  }

  @Test
  void dropsAndCountsLinesInsteadOfWaitingForAStuckStream() throws Exception {
    CountDownLatch writeStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Recorded recorded = new Recorded();
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new UnsupportedOperationException("lines are written in blocks");
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writeStarted.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            recorded.write(b, off, len);
          }
        };
    AtomicInteger dropped = new AtomicInteger();
    try (BatchedLineWriter writer =
        new BatchedLineWriter("stuck-writer", stuck, 16, dropped::incrementAndGet)) {
      append(writer, "first");
      assertTrue(writeStarted.await(5, TimeUnit.SECONDS), "the writer never started writing");
      // The writer holds "first"; "second\nthird\n" takes 13 of 16 bytes, the next lines find
      // no room.
      append(writer, "second");
      append(writer, "third");
      append(writer, "fourth");
      append(writer, "fifth");
      assertEquals(2, dropped.get());
      release.countDown();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> recorded.text().equals("first\nsecond\nthird\n"));
    } finally {
      release.countDown();
    }
  }

  @Test
  void closeWritesWhatIsBufferedAndThenIgnoresNewLines() {
    Recorded out = new Recorded();
    BatchedLineWriter writer = new BatchedLineWriter("closing-writer", out, 1 << 20, () -> {});
    for (int i = 0; i < 1000; i++) {
      append(writer, "line " + i);
    }
    writer.close();
    String text = out.text();
    assertEquals(1000, text.lines().count());
    assertTrue(text.startsWith("line 0\nline 1\n"), text);
    assertTrue(text.endsWith("line 998\nline 999\n"), text);
    append(writer, "after close");
    assertEquals(text, out.text());
  }

  @Test
  void waitsWithoutPollingWhenThereIsNothingToWriteAndWakesForTheNextLine() {
    Recorded out = new Recorded();
    try (BatchedLineWriter writer = new BatchedLineWriter("idle-writer", out, 1024, () -> {})) {
      append(writer, "one");
      Thread thread = thread("idle-writer");
      // Parked without a deadline (WAITING), not lingering on a timer (TIMED_WAITING).
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> out.text().equals("one\n") && thread.getState() == Thread.State.WAITING);
      append(writer, "two");
      await().atMost(Duration.ofSeconds(5)).until(() -> out.text().equals("one\ntwo\n"));
    }
  }

  @Test
  void refusesABufferWithoutRoom() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BatchedLineWriter("no-room", new Recorded(), 0, () -> {}));
    assertTrue(refused.getMessage().contains("at least 1"), refused.getMessage());
  }
}
