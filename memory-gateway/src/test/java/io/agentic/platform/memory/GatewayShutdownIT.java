package io.agentic.platform.memory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentic.platform.testsupport.FreePorts;
import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway stopped as Kubernetes stops it (SIGTERM), with the production shutdown
 * settings: idle, it is gone soon after the shutdown delay; with a slow search in flight, the
 * search is answered and the gateway exits right after.
 */
class GatewayShutdownIT {

  /** The production delay (application.properties). */
  private static final Duration DELAY = Duration.ofSeconds(3);

  /** How long EverMemOS takes to answer a search, past the delay. */
  private static final Duration SLOW_SEARCH = Duration.ofSeconds(6);

  private final Semaphore searchArrived = new Semaphore(0);
  private HttpServer evermemos;
  private int httpPort;
  private int managementPort;

  @BeforeEach
  void startEverMemOs() throws Exception {
    evermemos = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evermemos.createContext(
        "/api/v1/memories/search",
        exchange -> {
          searchArrived.release();
          byte[] answer =
              "{\"status\":\"ok\",\"data\":{\"episodes\":[]}}".getBytes(StandardCharsets.UTF_8);
          try {
            Thread.sleep(SLOW_SEARCH.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(answer);
          }
        });
    evermemos.createContext(
        "/health",
        exchange -> {
          byte[] healthy = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, healthy.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(healthy);
          }
        });
    evermemos.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    evermemos.start();
    int[] ports = FreePorts.distinct(2);
    httpPort = ports[0];
    managementPort = ports[1];
  }

  @AfterEach
  void stopEverMemOs() {
    evermemos.stop(0);
  }

  @Test
  void anIdleGatewayStopsSoonAfterTheDelay() throws Exception {
    try (RunningJar gateway = start("shutdown-idle")) {
      long sigterm = System.nanoTime();
      assertEquals(RunningJar.EXIT_AFTER_SIGTERM, gateway.stop(Duration.ofSeconds(30)));
      Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "an idle gateway took " + took);
      assertTrue(took.compareTo(DELAY) >= 0, "the gateway did not wait out the delay: " + took);
    }
  }

  @Test
  void aSearchInFlightIsAnsweredThenTheGatewayExits() throws Exception {
    try (RunningJar gateway = start("shutdown-searching")) {
      CompletableFuture<HttpResponse<String>> search =
          // HTTP/1.1: Java 17's client fails a stream in progress when an HTTP/2 server announces
          // its shutdown (GOAWAY), which a graceful server does.
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + httpPort + "/v1/memories/search"))
                      .header("Content-Type", "application/json")
                      .header("X-Tenant-ID", "team-a")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"query\":\"colours\",\"filters\":{\"user_id\":\"u1\"}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertTrue(
          searchArrived.tryAcquire(10, TimeUnit.SECONDS), "the search never reached EverMemOS");

      long sigterm = System.nanoTime();
      CompletableFuture<Integer> exit = gateway.stopInBackground(Duration.ofSeconds(40));
      // Once the delay is over a new request is refused, while the search goes on. (Until then
      // this bad request is served: a 400.)
      HttpResponse<String> refused =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(200))
              .until(this::badRequest, r -> r.statusCode() != 400);
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("/shutting-down"), refused.body());
      assertEquals("close", refused.headers().firstValue("Connection").orElse(""));
      assertTrue(refused.headers().firstValue("Retry-After").isPresent());
      assertFalse(search.isDone(), "the search ended before requests were refused");

      HttpResponse<String> answered = search.get(30, TimeUnit.SECONDS);
      long searchEnded = System.nanoTime();
      assertEquals(200, answered.statusCode(), answered.body());
      assertEquals(RunningJar.EXIT_AFTER_SIGTERM, exit.get(40, TimeUnit.SECONDS));
      Duration afterSearch = Duration.ofNanos(System.nanoTime() - searchEnded);
      assertTrue(
          afterSearch.compareTo(Duration.ofSeconds(2)) < 0,
          "the gateway ran on " + afterSearch + " after its last request ended");
      assertTrue(
          Duration.ofNanos(searchEnded - sigterm).compareTo(DELAY) > 0,
          "the search ended before the delay was over");
    }
  }

  private HttpResponse<String> badRequest() throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/v1/memories/search"))
                .header("Content-Type", "application/json")
                .header("X-Tenant-ID", "team-a")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private RunningJar start(String name) throws Exception {
    RunningJar gateway =
        PackagedJar.quarkusApp(name)
            .withoutInheritedEnv("MEMORY_")
            .env(
                Map.of(
                    "QUARKUS_HTTP_PORT",
                    String.valueOf(httpPort),
                    "QUARKUS_MANAGEMENT_PORT",
                    String.valueOf(managementPort),
                    "QUARKUS_OTEL_SDK_DISABLED",
                    "true",
                    "MEMORY_AUTH_MODE",
                    "dev-header",
                    "MEMORY_AUTH_ALLOW_DEV_MODE_IN_PROD",
                    "true",
                    "MEMORY_EVERMEMOS_BASE_URL",
                    "http://127.0.0.1:" + evermemos.getAddress().getPort()))
            .start();
    gateway.waitForUrl(
        "http://127.0.0.1:" + managementPort + "/q/health/ready", Duration.ofSeconds(30));
    return gateway;
  }
}
