package io.agentic.platform.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The main class of the jar {@link PackagedJarTest} starts. Its arguments are steps run in order,
 * e.g. {@code print starting sleep 200 serve 8080}; a running server keeps the JVM alive.
 */
public final class JarFixture {

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "print" -> System.out.println(args[++i]);
        case "print-to-stderr" -> System.err.println(args[++i]);
        case "print-env" -> System.out.println(args[++i] + "=" + System.getenv(args[i]));
        case "print-property" -> System.out.println(args[++i] + "=" + System.getProperty(args[i]));
        case "print-directory" -> System.out.println("directory=" + Path.of("").toAbsolutePath());
        case "sleep" -> Thread.sleep(Long.parseLong(args[++i]));
        case "serve" -> serve(Integer.parseInt(args[++i]));
        case "exit" -> System.exit(Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException("no such step: " + args[i]);
      }
    }
  }

  private static void serve(int port) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }
}
