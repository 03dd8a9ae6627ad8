package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Bounds on what callers can hold: waits for a busy sandbox, and connections to the router. */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(CallerLimitsTest.Limits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallerLimitsTest {

  private static final int MAX_CONNECTIONS = 12;

  public static class Limits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "router.upstream.max-connections-per-host", "1",
          "router.upstream.pool-wait-timeout", "300ms",
          "router.server.max-connections", String.valueOf(MAX_CONNECTIONS));
    }
  }

  @TestHTTPResource("/")
  URL router;

  @Test
  @Order(1)
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
      while (answer == null && sockets.size() < MAX_CONNECTIONS - 1) {
        // Far longer than the test, so no busy request ends while it runs.
        Socket socket =
            send(
                "GET /hang HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                    + "X-Sandbox-Namespace: team-a\r\nX-Sandbox-Timeout: 120\r\n\r\n");
        sockets.add(socket);
        CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> head(socket));
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

  @Test
  @Order(2)
  void connectionsBeyondTheLimitAreClosedWithoutBeingServed() throws Exception {
    List<Socket> served = new ArrayList<>();
    boolean refused = false;
    try {
      for (int i = 0; i <= MAX_CONNECTIONS && !refused; i++) {
        Socket socket = send(echoRequest());
        String head = head(socket);
        if (head.startsWith("HTTP/1.1 200")) {
          served.add(socket);
        } else {
          assertTrue(head.isEmpty(), "a connection beyond the limit got: " + head);
          socket.close();
          refused = true;
        }
      }
      assertTrue(refused, "all " + (MAX_CONNECTIONS + 1) + " connections were served");
      assertTrue(served.size() <= MAX_CONNECTIONS, "served " + served.size());
      // A closed connection makes room again.
      served.remove(0).close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean servedAgain = false;
      while (!servedAgain && System.nanoTime() < deadline) {
        try (Socket socket = send(echoRequest())) {
          servedAgain = head(socket).startsWith("HTTP/1.1 200");
        }
      }
      assertTrue(servedAgain, "no connection was served after one closed");
    } finally {
      for (Socket socket : served) {
        socket.close();
      }
    }
  }

  private static String echoRequest() {
    return "GET /x HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\nX-Sandbox-Namespace: team-a\r\n\r\n";
  }

  private Socket send(String request) throws IOException {
    Socket socket = new Socket("127.0.0.1", router.getPort());
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /**
   * The response head and body (by Content-Length), header names lower-cased; empty when the router
   * closed the connection without answering.
   */
  private static String head(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return head.toString();
        }
        head.append((char) b);
      }
      var length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
      int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
      String body = new String(in.readNBytes(size), StandardCharsets.UTF_8);
      return head.toString().toLowerCase().replaceFirst("^http", "HTTP") + body;
    } catch (IOException e) {
      // A connection reset before any byte is a connection the router would not serve.
      return "";
    }
  }
}
