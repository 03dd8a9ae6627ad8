package io.agentic.platform.router.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes each record's message, which is already a complete line, to an output stream from a thread
 * of its own. The logging thread only queues the line: an event loop never formats through a
 * generic formatter and never waits for the stream. Queued lines go out in batches, one write and
 * flush per batch, at most every {@value #LINGER_MILLIS} ms while lines keep coming. When the
 * stream cannot keep up and the queue is full, further lines are dropped and reported to {@code
 * onDropped} rather than stalling the caller.
 */
public final class LineWriterHandler extends Handler {

  private static final int MAX_BATCH = 512;
  private static final long LINGER_MILLIS = 5;

  private final BlockingQueue<String> queue;
  private final OutputStream out;
  private final Runnable onDropped;
  private final Thread writer;
  private volatile boolean closed;

  public LineWriterHandler(String threadName, OutputStream out, int capacity, Runnable onDropped) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the queue capacity must be at least 1, not " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out = out;
    this.onDropped = onDropped;
    this.writer = new Thread(this::writeUntilClosed, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) {
      return;
    }
    if (!queue.offer(record.getMessage())) {
      onDropped.run();
    }
  }

  /** Lines are flushed by the writer thread batch by batch; there is nothing to do here. */
  @Override
  public void flush() {}

  /** Writes what is queued, then stops the writer thread (waiting at most five seconds). */
  @Override
  public void close() {
    closed = true;
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilClosed() {
    List<String> batch = new ArrayList<>(MAX_BATCH);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      boolean full = queue.drainTo(batch, MAX_BATCH - 1) == MAX_BATCH - 1;
      write(batch, bytes);
      if (full) {
        continue; // more is waiting already
      }
      try {
        // Lets the next lines gather while nobody waits for them: a writer blocked in take() is
        // woken by the logging thread for every line, which under load cost the event loops more
        // than building the lines. An idle router still blocks in take() and never polls.
        Thread.sleep(LINGER_MILLIS);
      } catch (InterruptedException e) {
        break;
      }
    }
    // Closing: what was queued before still goes out.
    while (queue.drainTo(batch, MAX_BATCH) > 0) {
      write(batch, bytes);
    }
  }

  private void write(List<String> batch, ByteArrayOutputStream bytes) {
    for (String line : batch) {
      bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      bytes.write('\n');
    }
    batch.clear();
    try {
      bytes.writeTo(out);
      out.flush();
    } catch (IOException e) {
      reportError("cannot write log lines", e, ErrorManager.WRITE_FAILURE);
    } finally {
      bytes.reset();
    }
  }
}
