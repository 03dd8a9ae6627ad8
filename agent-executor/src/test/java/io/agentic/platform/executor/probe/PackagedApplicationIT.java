package io.agentic.platform.executor.probe;

import static io.agentic.platform.testsupport.HealthAndMetrics.assertPrometheusMetrics;
import static io.agentic.platform.testsupport.HealthAndMetrics.assertUp;

import io.agentic.platform.testsupport.PackagedLog;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Checks the packaged jar, started in the prod profile, the way its Deployment probes it. */
@QuarkusIntegrationTest
class PackagedApplicationIT {

  @Test
  void probesAndMetricsAnswer() {
    assertUp("/health");
    assertUp("/ready");
    assertPrometheusMetrics("/q/metrics");
  }

  @Test
  void logsAreJsonInProdProfile() throws IOException {
    PackagedLog.assertJsonLines(PackagedLog.INTEGRATION_TEST_LOG);
  }
}
