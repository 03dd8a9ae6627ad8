package io.agentic.platform.bridge;

import static io.agentic.platform.bridge.OtlpRequests.names;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.bridge.fake.FakeLangfuse;
import io.agentic.platform.bridge.fake.FakeLangfuse.Answer;
import io.agentic.platform.testsupport.FreePorts;
import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar as a process, hands it spans that would otherwise wait a minute for their
 * batch, and stops it with SIGTERM, as Kubernetes does: the spans must reach the destination before
 * the process exits, and the log must say what could not be sent when the destination is down.
 */
class GracefulShutdownIT {

  @Test
  void spansHeldAtSigtermAreExportedBeforeExit() throws Exception {
    try (FakeLangfuse fake = new FakeLangfuse()) {
      String log = runAndStop(fake, Map.of(), "flushed");
      assertEquals(List.of("held_0", "held_1"), names(fake.acceptedSpans()));
      assertTrue(log.contains("Shutdown: all 2 spans held were exported"), log);
    }
  }

  @Test
  void whatCouldNotBeSentWithinTheDrainTimeoutIsReported() throws Exception {
    try (FakeLangfuse fake = new FakeLangfuse()) {
      fake.answer(request -> Answer.json(503, "{}").header("Retry-After", "60"));
      String log = runAndStop(fake, Map.of("BRIDGE_DRAIN_TIMEOUT", "1s"), "unsent");
      assertTrue(fake.accepted().isEmpty());
      assertTrue(fake.attempts().size() >= 1, "the drain tried");
      assertTrue(
          log.contains("Shutdown: 2 of the 2 spans held could not be exported"),
          "no report of the unsent spans in\n" + log);
    }
  }

  /** Starts the jar, posts two spans, sends SIGTERM, waits for the exit; returns the log. */
  private static String runAndStop(FakeLangfuse fake, Map<String, String> env, String name)
      throws Exception {
    int[] ports = FreePorts.distinct(3);
    int http = ports[0];
    int grpc = ports[1];
    int management = ports[2];
    try (RunningJar bridge =
        PackagedJar.quarkusApp("graceful-shutdown-" + name)
            .env(
                Map.of(
                    "BRIDGE_EXPORT_ENDPOINT", fake.endpoint(),
                    "BRIDGE_BATCH_TIMEOUT", "60s",
                    "QUARKUS_HTTP_PORT", Integer.toString(http),
                    "QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpc),
                    "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
                    "BRIDGE_RECEIVER_SHUTDOWN_DELAY", "1s"))
            .env(env)
            .start()) {
      bridge.waitForUrl(
          "http://127.0.0.1:" + management + "/q/health/ready", Duration.ofSeconds(30));
      given()
          .contentType("application/x-protobuf")
          .body(OtlpRequests.spans("held", 2).toByteArray())
          .post("http://127.0.0.1:" + http + "/v1/traces")
          .then()
          .statusCode(200);
      assertTrue(fake.attempts().isEmpty(), "the batch waits for its timeout");

      long sigterm = System.nanoTime();
      bridge.stop(Duration.ofSeconds(20));
      // The 1 s delay, the export or the 1 s drain, and no more: nothing waits out a timeout that
      // nothing needs (a Quarkus shutdown timeout would be waited out in full).
      Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
      assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "the bridge took " + took + " to stop");
      return bridge.output();
    }
  }
}
