package io.agentic.platform.router.proxy;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(SandboxBackends.class)
class SandboxProxyTest {

  private static final long HUNDRED_MIB = 100L * 1024 * 1024;

  @TestHTTPResource("/")
  URL router;

  private static RequestSpecification toEcho() {
    return given()
        .urlEncodingEnabled(false)
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
  void forwardsEveryMethodWithPathAndRawQuery(String method) {
    toEcho()
        .body(method.equals("GET") ? "" : "payload")
        .request(method, "/some/path?q=a%20b&empty=&x=1&x=2")
        .then()
        .statusCode(200)
        .body("method", equalTo(method))
        .body("uri", equalTo("/some/path?q=a%20b&empty=&x=1&x=2"));
  }

  @Test
  void stripsRoutingAndHopByHopHeadersAndSetsForwardedOnes() throws Exception {
    String response =
        rawExchange(
            "GET /headers HTTP/1.1\r\n"
                + "Host: router.example\r\n"
                + "X-Sandbox-ID: echo\r\n"
                + "X-Sandbox-Namespace: team-a\r\n"
                + "X-Sandbox-Anything: secret\r\n"
                + "Connection: close, X-Private-Hop\r\n"
                + "X-Private-Hop: hop\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "X-Kept: yes\r\n"
                + "X-Forwarded-For: 6.6.6.6\r\n"
                + "X-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Prefix: /admin\r\n"
                + "Forwarded: for=6.6.6.6\r\n"
                + "Cookie: session=for-another-sandbox\r\n"
                + "\r\n");
    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    assertTrue(body.contains("\"x-kept\":\"yes\""), body);
    assertTrue(body.contains("\"host\":\"echo.team-a.svc.cluster.local:"), body);
    assertTrue(body.contains("\"x-forwarded-for\":\"127.0.0.1\""), body);
    assertTrue(body.contains("\"x-forwarded-host\":\"router.example\""), body);
    assertTrue(body.contains("\"x-forwarded-proto\":\"http\""), body);
    // Neither the caller's forwarding claims (it is no trusted proxy) nor its cookies pass.
    for (String gone :
        new String[] {
          "x-sandbox-", "x-private-hop", "keep-alive", "forwarded", "x-forwarded-prefix", "cookie"
        }) {
      assertTrue(!body.contains("\"" + gone), gone + " reached the sandbox: " + body);
    }
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
    assertTrue(!head.contains("x-backend-private"), "a Connection-named header came back: " + head);
  }

  @Test
  void aSandboxsSetCookieDoesNotReachTheCaller() {
    toEcho().get("/set-cookie").then().statusCode(200).header("Set-Cookie", nullValue());
  }

  @Test
  void streamsHundredMebibyteUploadAndDownload() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> upload =
        client.send(
            HttpRequest.newBuilder(router.toURI().resolve("/upload"))
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(HUNDRED_MIB)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, upload.statusCode(), upload.body());
    assertTrue(upload.body().contains("\"bytes\":" + HUNDRED_MIB), upload.body());

    HttpResponse<InputStream> download =
        client.send(
            HttpRequest.newBuilder(router.toURI().resolve("/download?bytes=" + HUNDRED_MIB))
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, download.statusCode());
    try (InputStream body = download.body()) {
      assertEquals(HUNDRED_MIB, body.transferTo(OutputStream.nullOutputStream()));
    }
  }

  @Test
  void quietServerSentEventStreamOutlivesTheResponseTimeout() throws Exception {
    // The response timeout is 2 s in tests; the stream stays silent for 3 s between events.
    HttpResponse<String> events =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(router.toURI().resolve("/sse?gapMs=3000"))
                    .header("X-Sandbox-ID", "echo")
                    .header("X-Sandbox-Namespace", "team-a")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, events.statusCode());
    assertEquals("data: first\n\ndata: second\n\n", events.body());
  }

  @Test
  void rejectsBadRoutingHeadersNamingTheHeader() {
    assertProblem(given().get("/").then(), 400).detailContains("X-Sandbox-ID");
    assertProblem(given().header("X-Sandbox-ID", "Echo_1").get("/").then(), 400)
        .detailContains("X-Sandbox-ID");
    assertProblem(
            given()
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a.evil")
                .get("/")
                .then(),
            400)
        .detailContains("X-Sandbox-Namespace");
    assertProblem(toEcho().header("X-Sandbox-Port", "22").get("/").then(), 400)
        .detailContains("X-Sandbox-Port");
    assertProblem(toEcho().header("X-Sandbox-Timeout", "soon").get("/").then(), 400)
        .detailContains("X-Sandbox-Timeout");
  }

  @Test
  void refusesNamespacesOffTheAllowListIncludingTheApiServer() {
    assertProblem(
        given()
            .header("X-Sandbox-ID", "kubernetes")
            .header("X-Sandbox-Namespace", "default")
            .get("/api/v1/secrets")
            .then(),
        403);
    given().header("X-Sandbox-ID", "kubernetes").get("/api").then().statusCode(403);
  }

  @Test
  void reportsRefusedSlowAndResetSandboxes() {
    assertProblem(
            toEcho()
                .header("X-Sandbox-Port", String.valueOf(SandboxBackends.closedPort))
                .get("/")
                .then(),
            502)
        .detailContains("refused");
    assertProblem(toEcho().header("X-Sandbox-Timeout", "1").get("/hang").then(), 504)
        .detailContains("1 s");
    assertProblem(
            given()
                .header("X-Sandbox-ID", "missing")
                .header("X-Sandbox-Namespace", "team-a")
                .get("/")
                .then(),
            503)
        .typeEndsWith("/upstream-not-ready");
  }

  @Test
  void relaysTheStatusCodeWithTheSandboxsReasonPhrase() {
    toEcho()
        .get("/status?code=299&reason=Partly%20Done")
        .then()
        .statusLine("HTTP/1.1 299 Partly Done");
    toEcho().get("/status?code=202").then().statusLine("HTTP/1.1 202 Accepted");
  }

  @Test
  void resetMidBodyIsNotPresentedAsACompleteResponse() {
    HttpClient client = HttpClient.newHttpClient();
    Exception failure = null;
    try {
      client.send(
          HttpRequest.newBuilder(URI.create(router + "reset"))
              .header("X-Sandbox-ID", "echo")
              .header("X-Sandbox-Namespace", "team-a")
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      failure = e;
    }
    assertTrue(failure != null, "a truncated body was delivered as complete");
  }

  @Test
  void refusesRequestLinesAndHeadersOverTheServerLimits() throws Exception {
    String longLine = rawExchange("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: r\r\n\r\n");
    // Answered before the request line is understood, so in HTTP/1.0.
    assertTrue(longLine.matches("(?s)HTTP/1\\.[01] 414 .*"), longLine);
    String bigHeaders =
        rawExchange(
            "GET / HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\nX-Big: "
                + "b".repeat(21 * 1024)
                + "\r\n\r\n");
    assertTrue(bigHeaders.matches("(?s)HTTP/1\\.[01] 431 .*"), bigHeaders);
  }

  @Test
  void clientDisconnectCancelsTheSandboxRequest() throws Exception {
    SandboxBackends.HANG_ARRIVED.drainPermits();
    SandboxBackends.HANG_CANCELLED.drainPermits();
    try (Socket socket = new Socket("127.0.0.1", router.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET /hang HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                      + "X-Sandbox-Namespace: team-a\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertTrue(
          SandboxBackends.HANG_ARRIVED.tryAcquire(5, TimeUnit.SECONDS),
          "the request never reached the sandbox");
    }
    assertTrue(
        SandboxBackends.HANG_CANCELLED.tryAcquire(5, TimeUnit.SECONDS),
        "the sandbox request was not cancelled when the client went away");
  }

  @Test
  void aResponseThatBeganBeforeTheUploadEndedIsNotCutByTheResponseTimeout() throws Exception {
    // The sandbox answers at once and sends its second event 3 s later; the upload ends after
    // 300 ms, so a response timeout (2 s) counted from the end of the upload would cut the stream.
    try (Socket socket = new Socket("127.0.0.1", router.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = startChunkedPost(socket, "/sse?gapMs=3000");
      out.write("5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      TimeUnit.MILLISECONDS.sleep(300);
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[4096];
      while (!received.toString().contains("data: second")) {
        int read = socket.getInputStream().read(buffer);
        if (read < 0) {
          break;
        }
        received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
      }
      assertTrue(received.toString().startsWith("HTTP/1.1 200"), received.toString());
      assertTrue(received.toString().contains("data: second"), received.toString());
    }
  }

  @Test
  void anUploadThatKeepsMovingOutlastsTheResponseTimeout() throws Exception {
    // 12 chunks 250 ms apart: 3 s of upload against a 2 s response timeout.
    try (Socket socket = new Socket("127.0.0.1", router.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = startChunkedPost(socket, "/slow-upload");
      for (int i = 0; i < 12; i++) {
        out.write("400\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1024]);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        TimeUnit.MILLISECONDS.sleep(250);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 200", status);
    }
  }

  /** Sends the head of a chunked POST to the echo sandbox; the body is the caller's to write. */
  private static OutputStream startChunkedPost(Socket socket, String target) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST "
                + target
                + " HTTP/1.1\r\nHost: router\r\nX-Sandbox-ID: echo\r\n"
                + "X-Sandbox-Namespace: team-a\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  /** Sends a raw HTTP/1.1 request and reads one response whose body has a Content-Length. */
  private String rawExchange(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", router.getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      var length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
      int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
      return head + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }
  }

  private static InputStream zeros(long total) {
    return new InputStream() {
      long left = total;

      @Override
      public int read() {
        return left-- > 0 ? 0 : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        left -= n;
        return n;
      }
    };
  }
}
