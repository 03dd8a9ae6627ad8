package io.agentic.platform.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.testsupport.HealthAndMetrics;
import io.agentic.platform.testsupport.PackagedLog;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the management-endpoint checks against the packaged jar, started in the prod profile, once
 * it reports ready: in prod the bridge warms up first.
 */
@QuarkusIntegrationTest
class PackagedApplicationIT extends ManagementEndpointsTest {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @BeforeEach
  void awaitReadiness() {
    HealthAndMetrics.awaitUp(ready.toString(), Duration.ofSeconds(30));
  }

  @Test
  void logsAreJsonInProdProfile() throws IOException {
    PackagedLog.assertJsonLines(PackagedLog.INTEGRATION_TEST_LOG);
  }

  @Test
  void theBridgeWarmedUpBeforeReportingReady() throws IOException {
    String log = Files.readString(PackagedLog.INTEGRATION_TEST_LOG);
    assertTrue(log.contains("Warmed up in"), "the warm-up ran in the prod profile");
    assertTrue(log.contains("none of them exported"), log);
  }
}
