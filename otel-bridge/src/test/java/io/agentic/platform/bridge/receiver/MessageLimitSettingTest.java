package io.agentic.platform.bridge.receiver;

import static io.agentic.platform.bridge.OtlpRequests.oneSpanOf;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.bridge.fake.FakeLangfuseResource;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bridge.receiver.max-body-size given as a memory size, as the chart and its other size settings
 * give it ({@code 1M}), bounds both receivers: the gRPC server's limit follows it.
 */
@QuarkusTest
@TestProfile(MessageLimitSettingTest.OneMebibyte.class)
@WithTestResource(value = FakeLangfuseResource.class, scope = TestResourceScope.GLOBAL)
class MessageLimitSettingTest {

  public static class OneMebibyte implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("bridge.receiver.max-body-size", "1M");
    }
  }

  private static final int LIMIT = 1024 * 1024;

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
  @DisabledOnIntegrationTest("reads this JVM's configuration, not the packaged bridge's")
  void theGrpcLimitIsTheBodyLimitInBytes() {
    assertEquals(
        LIMIT,
        ConfigProvider.getConfig()
            .getValue("quarkus.grpc.server.max-inbound-message-size", Integer.class)
            .intValue());
  }

  @Test
  void aMessageOverTheSettingIsRefusedOnBothPorts() {
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> TraceServiceGrpc.newBlockingStub(channel).export(oneSpanOf(LIMIT + 1024)));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
    assertTrue(
        refused.getStatus().getDescription().contains("exceeds maximum size"),
        refused.getStatus().toString());
    given()
        .contentType("application/x-protobuf")
        .body(oneSpanOf(LIMIT + 1024).toByteArray())
        .post(traces)
        .then()
        .statusCode(413);
  }

  @Test
  void aMessageUnderTheSettingIsTakenOnBothPorts() {
    TraceServiceGrpc.newBlockingStub(channel).export(oneSpanOf(LIMIT - 4096));
    given()
        .contentType("application/x-protobuf")
        .body(oneSpanOf(LIMIT - 4096).toByteArray())
        .post(traces)
        .then()
        .statusCode(200);
  }
}
