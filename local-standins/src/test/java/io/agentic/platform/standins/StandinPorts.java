package io.agentic.platform.standins;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Free ports for every stand-in and a traces log in a fresh directory that does not exist yet, as
 * the system test passes them: so tests never collide with a suite running on the default ports.
 */
public class StandinPorts implements QuarkusTestResourceLifecycleManager {

  private static final List<String> PORT_KEYS =
      List.of(
          "standins.llm.port",
          "standins.evermemos.port",
          "standins.langfuse.port",
          "standins.sandbox.port");

  private Path directory;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    // All sockets stay open until every port is picked, so no two keys get the same port.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (String key : PORT_KEYS) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        config.put(key, Integer.toString(socket.getLocalPort()));
      }
      for (ServerSocket socket : sockets) {
        socket.close();
      }
      directory = Files.createTempDirectory("standins-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.put("standins.langfuse.traces-log", directory.resolve("run/traces.log").toString());
    return config;
  }

  @Override
  public void stop() {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
