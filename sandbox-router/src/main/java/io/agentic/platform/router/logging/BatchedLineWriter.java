package io.agentic.platform.router.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Writes lines to an output stream from a thread of its own. Each thread that appends has a buffer
 * of its own, so appending a line is a copy into memory under a lock nobody else wants: there is no
 * queue entry, no object and no wake-up per line. The writer thread takes the buffers' contents
 * every {@value #LINGER_MILLIS} ms while lines keep coming, and writes and flushes them in one
 * block each. With nothing to write it parks until the next line arrives, so an idle process does
 * not poll. When the stream cannot keep up and a thread's buffer is full, further lines from that
 * thread are dropped and reported to {@code onDropped} rather than stalling the caller.
 */
public final class BatchedLineWriter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BatchedLineWriter.class);
  private static final long LINGER_MILLIS = 5;
  private static final int INITIAL_BUFFER = 64 * 1024;

  /** The lines one thread appended and the writer has not taken yet. */
  private static final class Buffer {
    private byte[] bytes;
    private int length;

    /** Only the writer thread uses it: the array handed back in exchange for a full one. */
    private byte[] spare;

    Buffer(int capacity) {
      bytes = new byte[capacity];
      spare = new byte[capacity];
    }
  }

  private final OutputStream out;
  private final int maxBufferBytes;
  private final Runnable onDropped;
  private final List<Buffer> buffers = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Buffer> ownBuffer;
  private final Thread writer;
  private volatile boolean parked;
  private volatile boolean closed;

  /** Only the writer thread uses it: a broken stream is reported once, not every few ms. */
  private boolean failureReported;

  /**
   * @param maxBufferBytes the most each appending thread may have waiting; a line longer than this
   *     is always dropped
   */
  public BatchedLineWriter(
      String threadName, OutputStream out, int maxBufferBytes, Runnable onDropped) {
    if (maxBufferBytes < 1) {
      throw new IllegalArgumentException(
          "the buffer must hold at least 1 byte, not " + maxBufferBytes);
    }
    this.out = out;
    this.maxBufferBytes = maxBufferBytes;
    this.onDropped = onDropped;
    this.ownBuffer =
        ThreadLocal.withInitial(
            () -> {
              Buffer buffer = new Buffer(Math.min(INITIAL_BUFFER, maxBufferBytes));
              buffers.add(buffer);
              return buffer;
            });
    this.writer = new Thread(this::writeUntilClosed, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues {@code bytes[0..length)} and a line break; never waits for the stream. */
  public void append(byte[] bytes, int length) {
    if (closed) {
      return;
    }
    Buffer buffer = ownBuffer.get();
    synchronized (buffer) {
      int needed = buffer.length + length + 1;
      if (needed > maxBufferBytes) {
        onDropped.run();
        return;
      }
      if (needed > buffer.bytes.length) {
        buffer.bytes =
            Arrays.copyOf(
                buffer.bytes, Math.min(maxBufferBytes, Math.max(needed, 2 * buffer.bytes.length)));
      }
      System.arraycopy(bytes, 0, buffer.bytes, buffer.length, length);
      buffer.bytes[buffer.length + length] = '\n';
      buffer.length = needed;
    }
    if (parked) {
      parked = false;
      LockSupport.unpark(writer);
    }
  }

  /** Writes what is buffered, then stops the writer thread (waiting at most five seconds). */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilClosed() {
    while (!closed) {
      if (writeBuffered()) {
        // Lets the next lines gather while nobody waits for them.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
        continue;
      }
      parked = true;
      // A line appended before the flag was visible did not unpark this thread: look once more.
      if (anythingBuffered()) {
        parked = false;
        continue;
      }
      LockSupport.park(this);
      parked = false;
    }
    // Closing: what was appended before still goes out.
    writeBuffered();
  }

  /** Writes every buffer's lines; true if there were any. */
  private boolean writeBuffered() {
    boolean wrote = false;
    for (Buffer buffer : buffers) {
      byte[] full;
      int length;
      synchronized (buffer) {
        if (buffer.length == 0) {
          continue;
        }
        full = buffer.bytes;
        length = buffer.length;
        buffer.bytes = buffer.spare.length >= full.length ? buffer.spare : new byte[full.length];
        buffer.length = 0;
      }
      write(full, length);
      buffer.spare = full;
      wrote = true;
    }
    if (wrote) {
      flush();
    }
    return wrote;
  }

  private boolean anythingBuffered() {
    for (Buffer buffer : buffers) {
      synchronized (buffer) {
        if (buffer.length > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private void write(byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      reportFailure(e);
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      reportFailure(e);
    }
  }

  private void reportFailure(IOException e) {
    if (!failureReported) {
      failureReported = true;
      LOG.errorf("Cannot write log lines (further failures are not reported): %s", e.toString());
    }
  }
}
