package io.agentic.platform.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentic.platform.testsupport.FreePorts;
import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged router stopped as Kubernetes stops it (SIGTERM), with the production shutdown
 * settings: idle, it is gone soon after the shutdown delay; with a stream in flight, the stream
 * ends as the sandbox ends it and the router exits right after.
 */
class RouterShutdownIT {

  /** The production delay (application.properties). */
  private static final Duration DELAY = Duration.ofSeconds(3);

  /** How long the sandbox's stream pauses between its two events, past the delay. */
  private static final Duration STREAM_PAUSE = Duration.ofSeconds(6);

  private HttpServer sandbox;
  private int httpPort;
  private int managementPort;

  @BeforeEach
  void startASandbox() throws Exception {
    sandbox = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sandbox.createContext(
        "/stream",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            Thread.sleep(STREAM_PAUSE.toMillis());
            body.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    sandbox.start();
    int[] ports = FreePorts.distinct(2);
    httpPort = ports[0];
    managementPort = ports[1];
  }

  @AfterEach
  void stopTheSandbox() {
    sandbox.stop(0);
  }

  @Test
  void anIdleRouterStopsSoonAfterTheDelay() throws Exception {
    try (RunningJar router = start("shutdown-idle")) {
      long sigterm = System.nanoTime();
      assertEquals(RunningJar.EXIT_AFTER_SIGTERM, router.stop(Duration.ofSeconds(30)));
      Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "an idle router took " + took);
      assertTrue(took.compareTo(DELAY) >= 0, "the router did not wait out the delay: " + took);
    }
  }

  @Test
  void aStreamInFlightEndsAsTheSandboxEndsItThenTheRouterExits() throws Exception {
    try (RunningJar router = start("shutdown-streaming")) {
      HttpResponse<java.io.InputStream> stream =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/stream"))
                      .header("X-Sandbox-ID", "echo")
                      .header("X-Sandbox-Namespace", "team-a")
                      .header("X-Sandbox-Port", String.valueOf(sandboxPort()))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, stream.statusCode());
      BufferedReader events =
          new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      assertEquals("data: first", events.readLine());

      long sigterm = System.nanoTime();
      CompletableFuture<Integer> exit = router.stopInBackground(Duration.ofSeconds(40));
      events.readLine(); // the blank line after the first event
      assertEquals("data: second", events.readLine());
      long streamEnded = System.nanoTime();
      assertEquals(RunningJar.EXIT_AFTER_SIGTERM, exit.get(40, TimeUnit.SECONDS));
      Duration afterStream = Duration.ofNanos(System.nanoTime() - streamEnded);
      assertTrue(
          afterStream.compareTo(Duration.ofSeconds(2)) < 0,
          "the router ran on " + afterStream + " after its last stream ended");
      assertTrue(
          Duration.ofNanos(streamEnded - sigterm).compareTo(DELAY) > 0,
          "the stream ended before the delay was over");
    }
  }

  private int sandboxPort() {
    return sandbox.getAddress().getPort();
  }

  private RunningJar start(String name) throws Exception {
    Path hosts = Path.of("target", "shutdown-test-hosts");
    Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 echo.team-a.svc.cluster.local\n");
    RunningJar router =
        PackagedJar.quarkusApp(name)
            .withoutInheritedEnv("ROUTER_")
            .env(
                Map.of(
                    "QUARKUS_HTTP_PORT",
                    String.valueOf(httpPort),
                    "QUARKUS_MANAGEMENT_PORT",
                    String.valueOf(managementPort),
                    "QUARKUS_OTEL_SDK_DISABLED",
                    "true",
                    "QUARKUS_VERTX_RESOLVER_HOSTS_PATH",
                    hosts.toAbsolutePath().toString(),
                    "ROUTER_AUTH_MODE",
                    "none",
                    "ROUTER_NAMESPACES_ALLOWED",
                    "team-a",
                    "ROUTER_SANDBOXES_VERIFY",
                    "off",
                    "ROUTER_ALLOWED_PORTS",
                    String.valueOf(sandboxPort())))
            .systemProperty("kubernetes.auth.tryKubeConfig", "false")
            .start();
    router.waitForUrl(
        "http://127.0.0.1:" + managementPort + "/q/health/ready", Duration.ofSeconds(30));
    return router;
  }
}
