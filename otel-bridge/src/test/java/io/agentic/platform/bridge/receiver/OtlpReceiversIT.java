package io.agentic.platform.bridge.receiver;

import io.agentic.platform.testsupport.HealthAndMetrics;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * The receiver tests against the packaged jar in the prod profile: real OTLP clients, the bridge as
 * it runs in a container, and the fake Langfuse in this JVM.
 */
@QuarkusIntegrationTest
class OtlpReceiversIT extends OtlpReceiversTest {

  /** The packaged bridge warms up before it reports ready; senders are routed to it only then. */
  @BeforeEach
  void awaitReadiness() {
    HealthAndMetrics.awaitUp(readiness.toString(), Duration.ofSeconds(30));
  }
}
