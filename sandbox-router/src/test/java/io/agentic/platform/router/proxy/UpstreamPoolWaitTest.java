package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A caller never waits without bound for a sandbox whose connections are all busy. */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(UpstreamPoolWaitTest.OneConnectionPerSandbox.class)
class UpstreamPoolWaitTest {

  /** More busy requests than the router has event loops, each holding its connection. */
  private static final int MAX_ATTEMPTS = 11;

  public static class OneConnectionPerSandbox implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "router.upstream.max-connections-per-host", "1",
          "router.upstream.pool-wait-timeout", "300ms");
    }
  }

  @TestHTTPResource("/")
  URL router;

  @Test
  void aCallerWaitingForABusySandboxIsAnswered503WithRetryAfter() throws Exception {
    SandboxBackends.HANG_ARRIVED.drainPermits();
    SandboxBackends.HANG_CANCELLED.drainPermits();
    List<Socket> sockets = new ArrayList<>();
    int hanging = 0;
    String answer = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try {
      // Each event loop holds one connection to the sandbox: once a request occupies it, the next
      // request on that event loop waits for it, and must be turned away after the wait timeout.
      while (answer == null && sockets.size() < MAX_ATTEMPTS) {
        // Far longer than the test, so no busy request ends while it runs.
        Socket socket =
            RawHttp.send(
                router,
                "GET /hang HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                    + "X-Sandbox-Namespace: team-a\r\nX-Sandbox-Timeout: 120\r\n\r\n");
        sockets.add(socket);
        CompletableFuture<String> response =
            CompletableFuture.supplyAsync(() -> RawHttp.head(socket));
        while (true) {
          assertTrue(System.nanoTime() < deadline, "a request neither reached nor was answered");
          if (SandboxBackends.HANG_ARRIVED.tryAcquire(20, TimeUnit.MILLISECONDS)) {
            hanging++;
            break;
          }
          if (response.isDone()) {
            answer = response.get();
            break;
          }
        }
      }
      assertTrue(answer != null, "no request was turned away after " + hanging + " busy ones");
      assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
      assertTrue(answer.contains("retry-after: 1"), answer);
      assertTrue(answer.contains("/upstream-busy"), answer);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    assertTrue(
        SandboxBackends.HANG_CANCELLED.tryAcquire(hanging, 10, TimeUnit.SECONDS),
        "the waiting sandbox requests were not cancelled");
  }
}
