package io.agentic.platform.router.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown of the main port: serve through the delay, then drain, then close. */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(ProxyServerShutdownTest.Draining.class)
class ProxyServerShutdownTest {

  // Long enough that a request sent just after the delay starts is still served on a loaded machine
  // (with 1 s, CI saw the first request of the test arrive after it).
  private static final Duration DELAY = Duration.ofSeconds(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

  public static class Draining implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.shutdown.delay", DELAY.toMillis() + "ms",
          "router.server.drain-timeout", DRAIN_TIMEOUT.toMillis() + "ms");
    }
  }

  @Inject ProxyServer server;

  @TestHTTPResource("/")
  URL router;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpRequest toEcho(String path, String timeoutSeconds) throws Exception {
    return HttpRequest.newBuilder(router.toURI().resolve(path))
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .header("X-Sandbox-Timeout", timeoutSeconds)
        .build();
  }

  private Response newRequest() {
    return given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a")
        .get("/new");
  }

  @Test
  void servesThroughTheDelayThenDrainsAndClosesWhatOutlastsTheTimeout() throws Exception {
    SandboxBackends.HANG_ARRIVED.drainPermits();
    SandboxBackends.HANG_CANCELLED.drainPermits();
    // The first request through REST Assured pays for its start-up: not inside the delay.
    newRequest().then().statusCode(200);
    // A stream that ends after the delay but within the drain, and a request the sandbox never
    // answers.
    HttpResponse<InputStream> stream =
        client
            .sendAsync(
                toEcho("/sse?gapMs=" + DELAY.plusMillis(1500).toMillis(), "60"),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(5, TimeUnit.SECONDS);
    CompletableFuture<HttpResponse<String>> hanging =
        client.sendAsync(toEcho("/hang", "60"), HttpResponse.BodyHandlers.ofString());
    assertTrue(SandboxBackends.HANG_ARRIVED.tryAcquire(5, TimeUnit.SECONDS));

    long delayStarted = System.nanoTime();
    server.shutdownDelayStarted(new ShutdownDelayInitiatedEvent());
    newRequest().then().statusCode(200);

    Response refused =
        await().atMost(5, TimeUnit.SECONDS).until(this::newRequest, r -> r.statusCode() == 503);
    assertTrue(System.nanoTime() - delayStarted >= DELAY.toNanos(), "refused during the delay");
    assertEquals("close", refused.header("Connection"));
    assertTrue(refused.asString().contains("/shutting-down"), refused.asString());

    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(
            () -> {
              try {
                server.stop(new ShutdownEvent());
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    // The stream in progress ends as the sandbox ends it ...
    String events = new String(stream.body().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(200, stream.statusCode());
    assertTrue(events.contains("data: second"), events);
    // ... while the request that never finishes is cut when the drain timeout runs out.
    stopped.get(10, TimeUnit.SECONDS);
    // Requests were refused at the earliest after the delay, and the drain lasts its timeout.
    assertTrue(
        System.nanoTime() - delayStarted >= DELAY.plus(DRAIN_TIMEOUT).toNanos(),
        "the server closed before the drain timeout");
    ExecutionException cut =
        assertThrows(ExecutionException.class, () -> hanging.get(5, TimeUnit.SECONDS));
    assertTrue(cut.getCause() instanceof IOException, cut.toString());
    assertTrue(
        SandboxBackends.HANG_CANCELLED.tryAcquire(5, TimeUnit.SECONDS),
        "the sandbox request was not cancelled");
    assertThrows(ConnectException.class, () -> new Socket(router.getHost(), router.getPort()));
    // Quarkus' own shutdown later finds nothing left to stop.
    server.stop(new ShutdownEvent());
  }
}
