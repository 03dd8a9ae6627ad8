package io.agentic.platform.bridge.receiver;

import static io.agentic.platform.bridge.OtlpRequests.spans;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With one request allowed in progress, a request whose body is still arriving holds the bridge's
 * only permit: others are refused with retry information on both ports until it ends, and taken
 * again after.
 */
@QuarkusTest
@TestProfile(ReceiveLimitTest.OneAtATime.class)
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class ReceiveLimitTest {

  public static class OneAtATime implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "bridge.receiver.max-concurrent-requests", "1", "bridge.queue.retry-after", "2s");
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TestHTTPResource("/v1/traces")
  URL traces;

  private ManagedChannel channel;

  @BeforeEach
  void openChannel() {
    channel = FakeLangfuseResource.grpcChannel();
  }

  @AfterEach
  void closeChannel() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void anHttpBodyStillArrivingHoldsThePermit() throws Exception {
    try (Socket slow = new Socket(traces.getHost(), traces.getPort())) {
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /v1/traces HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/x-protobuf\r\nContent-Length: 100\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[10]);
      out.flush();

      await().atMost(WAIT).untilAsserted(this::httpIsRefusedWithRetryAfter);
      StatusRuntimeException refused =
          assertThrows(
              StatusRuntimeException.class,
              () -> TraceServiceGrpc.newBlockingStub(channel).export(spans("grpc", 1)));
      com.google.rpc.Status status = StatusProto.fromThrowable(refused);
      assertEquals(Code.RESOURCE_EXHAUSTED.getNumber(), status.getCode());
      assertEquals(
          2,
          status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds(),
          "RetryInfo");
    }
    await().atMost(WAIT).untilAsserted(this::httpIsTaken);
    TraceServiceGrpc.newBlockingStub(channel).export(spans("grpc", 1));
  }

  private void httpIsRefusedWithRetryAfter() throws Exception {
    byte[] body =
        given()
            .contentType("application/x-protobuf")
            .body(spans("http", 1).toByteArray())
            .post(traces)
            .then()
            .statusCode(429)
            .header("Retry-After", "2")
            .extract()
            .asByteArray();
    assertEquals(
        Code.RESOURCE_EXHAUSTED.getNumber(), com.google.rpc.Status.parseFrom(body).getCode());
  }

  private void httpIsTaken() {
    given()
        .contentType("application/x-protobuf")
        .body(spans("http", 1).toByteArray())
        .post(traces)
        .then()
        .statusCode(200);
  }
}
