package io.agentic.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP ports for a process the tests start, where port 0 cannot be used because the test must know
 * the port.
 */
public final class FreePorts {

  private FreePorts() {}

  /** A port nothing listens on right now, e.g. for a connection that must be refused. */
  public static int one() {
    return distinct(1)[0];
  }

  /**
   * {@code count} different ports nothing listens on right now. Each is held until all are picked,
   * so the operating system cannot hand out the same one twice.
   */
  public static int[] distinct(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0));
      }
      return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      held.forEach(FreePorts::close);
    }
  }

  private static void close(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing was accepted on it: closing cannot lose anything.
    }
  }
}
