package io.agentic.platform.router.logging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineWriterHandlerTest {

  /** Collects what was written and the threads that wrote it. */
  private static final class Recorded extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Set<String> writers = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writers.add(Thread.currentThread().getName());
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static LogRecord line(String text) {
    return new LogRecord(Level.INFO, text);
  }

  @Test
  void writesEachMessageAsOneLineFromItsOwnThread() {
    Recorded out = new Recorded();
    AtomicInteger dropped = new AtomicInteger();
    LineWriterHandler handler =
        new LineWriterHandler("test-writer", out, 16, dropped::incrementAndGet);
    try {
      handler.publish(line("{\"n\":1}"));
      handler.publish(line("{\"n\":2}"));
      handler.publish(line("{\"n\":3}"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> out.text().equals("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n"));
      assertEquals(Set.of("test-writer"), out.writers);
      assertEquals(0, dropped.get());
    } finally {
      handler.close();
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
    LineWriterHandler handler =
        new LineWriterHandler("stuck-writer", stuck, 2, dropped::incrementAndGet);
    try {
      handler.publish(line("first"));
      assertTrue(writeStarted.await(5, TimeUnit.SECONDS), "the writer never started writing");
      // The writer holds "first"; two lines fill the queue, the next two find it full.
      handler.publish(line("second"));
      handler.publish(line("third"));
      handler.publish(line("fourth"));
      handler.publish(line("fifth"));
      assertEquals(2, dropped.get());
      release.countDown();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> recorded.text().equals("first\nsecond\nthird\n"));
    } finally {
      release.countDown();
      handler.close();
    }
  }

  @Test
  void closeWritesWhatIsQueuedAndThenIgnoresNewLines() {
    Recorded out = new Recorded();
    LineWriterHandler handler = new LineWriterHandler("closing-writer", out, 1024, () -> {});
    for (int i = 0; i < 1000; i++) {
      handler.publish(line("line " + i));
    }
    handler.close();
    String text = out.text();
    assertEquals(1000, text.lines().count());
    assertTrue(text.startsWith("line 0\nline 1\n"), text);
    assertTrue(text.endsWith("line 998\nline 999\n"), text);
    handler.publish(line("after close"));
    assertEquals(text, out.text());
  }

  @Test
  void honoursItsLevel() {
    Recorded out = new Recorded();
    LineWriterHandler handler = new LineWriterHandler("level-writer", out, 16, () -> {});
    handler.setLevel(Level.WARNING);
    handler.publish(line("info is below the level"));
    handler.publish(new LogRecord(Level.WARNING, "warning passes"));
    handler.close();
    assertEquals("warning passes\n", out.text());
  }

  @Test
  void refusesAQueueWithoutRoom() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LineWriterHandler("no-room", new Recorded(), 0, () -> {}));
    assertTrue(refused.getMessage().contains("at least 1"), refused.getMessage());
  }
}
