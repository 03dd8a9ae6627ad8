package io.agentic.platform.router;

import io.agentic.platform.testsupport.PackagedLog;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs the management-endpoint checks against the packaged jar, started in the prod profile. */
@QuarkusIntegrationTest
class PackagedApplicationIT extends ManagementEndpointsTest {

  @Test
  void logsAreJsonInProdProfile() throws IOException {
    PackagedLog.assertJsonLines(PackagedLog.INTEGRATION_TEST_LOG);
  }
}
