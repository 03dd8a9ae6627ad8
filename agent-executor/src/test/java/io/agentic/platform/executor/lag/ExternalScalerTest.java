package io.agentic.platform.executor.lag;

import static io.agentic.platform.executor.fake.Requests.newRunId;
import static io.agentic.platform.executor.fake.Requests.request;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.executor.fake.FakeLlm;
import io.agentic.platform.executor.fake.NatsTestClient;
import io.agentic.platform.executor.fake.NatsTestClient.Inbox;
import io.agentic.platform.executor.lag.externalscaler.ExternalScalerGrpc;
import io.agentic.platform.executor.lag.externalscaler.GetMetricSpecResponse;
import io.agentic.platform.executor.lag.externalscaler.GetMetricsRequest;
import io.agentic.platform.executor.lag.externalscaler.IsActiveResponse;
import io.agentic.platform.executor.lag.externalscaler.MetricValue;
import io.agentic.platform.executor.lag.externalscaler.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KEDA's external-scaler calls, answered with the consumer's lag. */
@QuarkusTest
class ExternalScalerTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  FakeLlm llm;
  NatsTestClient nats;
  ManagedChannel channel;
  ExternalScalerGrpc.ExternalScalerBlockingStub scaler;

  @BeforeEach
  void connect() throws Exception {
    nats = new NatsTestClient();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
    scaler = ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    llm.release();
    channel.shutdownNow();
    nats.close();
  }

  @Test
  void answersWithTheLagKedaWouldCompute() throws Exception {
    ScaledObjectRef ref =
        ScaledObjectRef.newBuilder()
            .setName("agent-executor-scaler")
            .setNamespace("team-a")
            .putAllScalerMetadata(
                Map.of(
                    "stream", NatsTestClient.config("nats.stream-name"),
                    "consumer", NatsTestClient.config("nats.consumer-group"),
                    "lagThreshold", "3"))
            .build();

    GetMetricSpecResponse spec = scaler.getMetricSpec(ref);
    assertEquals(1, spec.getMetricSpecsCount());
    assertEquals(3, spec.getMetricSpecs(0).getTargetSize());
    assertEquals(3.0, spec.getMetricSpecs(0).getTargetSizeFloat());
    String metric = spec.getMetricSpecs(0).getMetricName();
    await().atMost(WAIT).until(() -> lag(ref, metric) == 0);
    assertFalse(scaler.isActive(ref).getResult());
    Iterator<IsActiveResponse> stream = scaler.streamIsActive(ref);
    assertFalse(stream.next().getResult(), "the stream starts with the current state");

    String batch = newRunId();
    String reply = NatsTestClient.reply(batch);
    Inbox results = nats.listen(reply);
    llm.holdCalls(batch);
    for (int i = 0; i < 6; i++) {
      nats.publishRequest(
          request(batch + "-" + i, "support", "scale " + batch).put("replyTo", reply).encode());
    }
    await().atMost(WAIT).until(() -> lag(ref, metric) == 6);
    MetricValue value =
        scaler
            .getMetrics(
                GetMetricsRequest.newBuilder()
                    .setScaledObjectRef(ref)
                    .setMetricName(metric)
                    .build())
            .getMetricValues(0);
    assertEquals(6.0, value.getMetricValueFloat());
    assertTrue(scaler.isActive(ref).getResult());
    assertTrue(stream.next().getResult(), "the stream pushes the change");

    llm.release();
    for (int i = 0; i < 6; i++) {
      assertEquals("succeeded", results.nextJson(WAIT).getString("status"));
    }
    await().atMost(WAIT).until(() -> lag(ref, metric) == 0);
  }

  @Test
  void rejectsATriggerForAnotherConsumer() {
    ScaledObjectRef other =
        ScaledObjectRef.newBuilder().putScalerMetadata("consumer", "someone-else").build();
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> scaler.getMetricSpec(other));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    StatusRuntimeException bad =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                scaler.getMetricSpec(
                    ScaledObjectRef.newBuilder()
                        .putScalerMetadata("lagThreshold", "many")
                        .build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
  }

  private long lag(ScaledObjectRef ref, String metric) {
    return scaler
        .getMetrics(
            GetMetricsRequest.newBuilder().setScaledObjectRef(ref).setMetricName(metric).build())
        .getMetricValues(0)
        .getMetricValue();
  }
}
