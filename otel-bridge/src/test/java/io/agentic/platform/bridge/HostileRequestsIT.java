package io.agentic.platform.bridge;

import static io.agentic.platform.bridge.OtlpRequests.gzipOf;
import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.agentic.platform.bridge.OtlpRequests.spans;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.testsupport.FreePorts;
import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar with the pod's heap (the chart's 384Mi memory limit, half of it heap, exiting on
 * OutOfMemoryError) takes 200 concurrent hostile requests (gzip bombs inflating past the 4 MiB
 * limit, in protobuf and JSON, and malformed bodies): it answers each with a 4xx and a {@code
 * google.rpc.Status}, stays up, and exports the spans it took before and after.
 */
class HostileRequestsIT {

  private static final String POD_JVM =
      "-Xmx192m -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:ActiveProcessorCount=1";
  private static final int REQUESTS = 200;
  private static final long PAST_THE_LIMIT = 17L * 1024 * 1024;

  @Test
  void concurrentGzipBombsAndMalformedBodiesAreRefusedAndTheBridgeKeepsExporting()
      throws Exception {
    int[] ports = FreePorts.distinct(3);
    int http = ports[0];
    String traces = "http://127.0.0.1:" + http + "/v1/traces";
    String ready = "http://127.0.0.1:" + ports[2] + "/q/health/ready";
    try (FakeLangfuse fake = new FakeLangfuse();
        RunningJar bridge =
            PackagedJar.quarkusApp("hostile-requests")
                .env(
                    Map.of(
                        "JAVA_TOOL_OPTIONS", POD_JVM,
                        "BRIDGE_EXPORT_ENDPOINT", fake.endpoint(),
                        "BRIDGE_BATCH_TIMEOUT", "200ms",
                        "QUARKUS_HTTP_PORT", Integer.toString(http),
                        "QUARKUS_GRPC_SERVER_PORT", Integer.toString(ports[1]),
                        "QUARKUS_MANAGEMENT_PORT", Integer.toString(ports[2])))
                .start()) {
      bridge.waitForUrl(ready, Duration.ofSeconds(30));
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      assertEquals(200, post(client, traces, "application/x-protobuf", null, spansBody("before")));
      fake.awaitSpans(s -> s.size() == 3, Duration.ofSeconds(15));

      byte[] protobufBomb = gzipOf(PAST_THE_LIMIT, (byte) 0);
      byte[] jsonBomb = gzipOf(PAST_THE_LIMIT, (byte) ' ');
      byte[] notGzip = "not gzip".getBytes(StandardCharsets.US_ASCII);
      byte[] notProtobuf = {(byte) 0xff, 0x01, 0x02};
      byte[] notJson = "{\"resourceSpans\":[".getBytes(StandardCharsets.US_ASCII);
      List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        HttpRequest request =
            switch (i % 5) {
              case 0 -> request(traces, "application/x-protobuf", "gzip", protobufBomb);
              case 1 -> request(traces, "application/json", "gzip", jsonBomb);
              case 2 -> request(traces, "application/x-protobuf", "gzip", notGzip);
              case 3 -> request(traces, "application/x-protobuf", null, notProtobuf);
              default -> request(traces, "application/json", null, notJson);
            };
        answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

      Map<Integer, Integer> statuses = new TreeMap<>();
      for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
        HttpResponse<byte[]> response = answer.join();
        statuses.merge(response.statusCode(), 1, Integer::sum);
        assertNotEquals(0, status(response).getCode(), "a google.rpc.Status with an error code");
      }
      assertTrue(List.of(400, 413, 429).containsAll(statuses.keySet()), "statuses: " + statuses);
      assertTrue(statuses.containsKey(413), "some bombs were read to the limit: " + statuses);
      assertTrue(statuses.containsKey(400), "some malformed bodies were read: " + statuses);

      bridge.waitForUrl(ready, Duration.ofSeconds(5));
      // The last refusals may still hold their permits for a moment, as an OTLP client would see.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  post(client, traces, "application/x-protobuf", null, spansBody("after")) == 200);
      List<String> delivered = names(fake.awaitSpans(s -> s.size() == 6, Duration.ofSeconds(15)));
      assertEquals(
          List.of("after_0", "after_1", "after_2", "before_0", "before_1", "before_2"),
          delivered.stream().sorted().toList());
      assertFalse(bridge.output().contains("java.lang.OutOfMemoryError"), bridge.output());
    }
  }

  /** The answer's google.rpc.Status, in the encoding of the request, as OTLP/HTTP has it. */
  private static com.google.rpc.Status status(HttpResponse<byte[]> response) throws Exception {
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder();
      JsonFormat.parser().merge(new String(response.body(), StandardCharsets.UTF_8), status);
      return status.build();
    }
    return com.google.rpc.Status.parseFrom(response.body());
  }

  private static byte[] spansBody(String prefix) {
    return spans(prefix, 3).toByteArray();
  }

  private static HttpRequest request(
      String url, String contentType, String contentEncoding, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    return request.build();
  }

  private static int post(
      HttpClient client, String url, String contentType, String contentEncoding, byte[] body)
      throws Exception {
    return client
        .send(
            request(url, contentType, contentEncoding, body),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
