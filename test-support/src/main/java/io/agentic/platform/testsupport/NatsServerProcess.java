package io.agentic.platform.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A nats-server of the test's own, started from a configuration text (the Debian package's binary,
 * which the project's scripts install), on a free port and with JetStream storage in a temporary
 * directory; {@code {port}} and {@code {store}} in the text are filled in. For tests of
 * authentication and permissions that the shared local server, which has none, cannot show.
 */
public final class NatsServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path directory;
  private final int port;
  private final Process process;

  private NatsServerProcess(Path directory, int port, Process process) {
    this.directory = directory;
    this.port = port;
    this.process = process;
  }

  /** Starts a server with {@code config} and returns once it accepts connections. */
  public static NatsServerProcess start(String config) throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("nats-server-test");
    int port = FreePorts.one();
    Path file = directory.resolve("nats.conf");
    Files.writeString(
        file,
        config
            .replace("{port}", Integer.toString(port))
            .replace("{store}", directory.resolve("jetstream").toString()));
    Process process =
        new ProcessBuilder("nats-server", "-c", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("server.log").toFile())
            .start();
    NatsServerProcess server = new NatsServerProcess(directory, port, process);
    server.awaitListening();
    return server;
  }

  public int port() {
    return port;
  }

  /** The server's URL with the given scheme: {@code nats} or {@code tls}. */
  public String url(String scheme) {
    return scheme + "://127.0.0.1:" + port;
  }

  public String url() {
    return url("nats");
  }

  /** A file next to the server's configuration, e.g. for certificates the configuration names. */
  public Path directory() {
    return directory;
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant until = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IOException(
            "nats-server exited: " + Files.readString(directory.resolve("server.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    process.destroyForcibly();
    throw new IOException("nats-server did not listen on " + port + " within " + START_TIMEOUT);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
