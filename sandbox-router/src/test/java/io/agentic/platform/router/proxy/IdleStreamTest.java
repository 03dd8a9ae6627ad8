package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streams that go silent for longer than the idle timeout are closed, in either direction. */
@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(IdleStreamTest.ShortIdleTimeout.class)
class IdleStreamTest {

  private static final Duration IDLE = Duration.ofSeconds(1);
  private static final Duration SANDBOX_SILENCE = Duration.ofSeconds(4);

  public static class ShortIdleTimeout implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("router.timeouts.idle", IDLE.toMillis() + "ms");
    }
  }

  @TestHTTPResource("/")
  URL router;

  @Test
  void anUploadThatStallsIsAnswered408AndItsConnectionClosed() throws Exception {
    try (Socket socket = new Socket(router.getHost(), router.getPort())) {
      socket.setSoTimeout((int) SANDBOX_SILENCE.toMillis());
      socket
          .getOutputStream()
          .write(
              ("POST /upload HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                      + "X-Sandbox-Namespace: team-a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "5\r\nhello\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // The caller sends nothing more; the router answers and closes instead of waiting.
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("/request-timeout"), answer);
      assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    }
  }

  @Test
  void aWebSocketHandshakeTheSandboxNeverAnswersIs504AfterTheIdleTimeout() throws Exception {
    try (Socket socket = new Socket(router.getHost(), router.getPort())) {
      socket.setSoTimeout((int) SANDBOX_SILENCE.toMillis());
      long started = System.nanoTime();
      socket
          .getOutputStream()
          .write(
              ("GET /hang HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                      + "X-Sandbox-Namespace: team-a\r\nConnection: Upgrade\r\n"
                      + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // Read up to the end of the problem's JSON body.
      StringBuilder answer = new StringBuilder();
      byte[] chunk = new byte[512];
      InputStream in = socket.getInputStream();
      for (int n; answer.indexOf("}") < 0 && (n = in.read(chunk)) > 0; ) {
        answer.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(answer.toString().startsWith("HTTP/1.1 504"), answer.toString());
      assertTrue(answer.indexOf("/upstream-timeout") > 0, answer.toString());
      assertTrue(waited.compareTo(IDLE.minusMillis(100)) >= 0, "answered after " + waited);
    }
  }

  @Test
  void aStreamSilentForLongerThanTheIdleTimeoutIsCut() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(router.toURI().resolve("/sse?gapMs=" + SANDBOX_SILENCE.toMillis()))
            .header("X-Sandbox-ID", "echo")
            .header("X-Sandbox-Namespace", "team-a")
            .build();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());

    long started = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean failed = false;
    try (InputStream body = response.body()) {
      body.transferTo(received);
    } catch (IOException cut) {
      failed = true;
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    String events = received.toString(StandardCharsets.UTF_8);

    assertTrue(events.contains("data: first"), events);
    // Cut by the router, not ended by the sandbox: the second event never came, and the stream
    // did not end as a complete response.
    assertFalse(events.contains("data: second"), events);
    assertTrue(failed, "the cut stream looked like a complete response");
    assertTrue(waited.compareTo(SANDBOX_SILENCE) < 0, "cut only after " + waited);
  }
}
