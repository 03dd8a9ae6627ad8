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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cap on caller connections ({@code router.server.max-connections}): a flood of connections
 * cannot hold the router's memory.
 */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(CallerConnectionLimitTest.TwelveConnections.class)
class CallerConnectionLimitTest {

  private static final int MAX_CONNECTIONS = 12;

  private static final String ECHO =
      "GET /x HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\nX-Sandbox-Namespace: team-a\r\n\r\n";

  public static class TwelveConnections implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("router.server.max-connections", String.valueOf(MAX_CONNECTIONS));
    }
  }

  @TestHTTPResource("/")
  URL router;

  @Test
  void connectionsBeyondTheLimitAreClosedWithoutBeingServed() throws Exception {
    List<Socket> served = new ArrayList<>();
    boolean refused = false;
    try {
      for (int i = 0; i <= MAX_CONNECTIONS && !refused; i++) {
        Socket socket = RawHttp.send(router, ECHO);
        String head = RawHttp.head(socket);
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
        try (Socket socket = RawHttp.send(router, ECHO)) {
          servedAgain = RawHttp.head(socket).startsWith("HTTP/1.1 200");
        }
      }
      assertTrue(servedAgain, "no connection was served after one closed");
    } finally {
      for (Socket socket : served) {
        socket.close();
      }
    }
  }
}
