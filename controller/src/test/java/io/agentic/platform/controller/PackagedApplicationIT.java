package io.agentic.platform.controller;

import io.agentic.platform.testsupport.ManagementEndpointChecks;
import io.agentic.platform.testsupport.PackagedLog;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs the management-endpoint checks against the packaged jar, started in the prod profile and
 * pointed at a mock Kubernetes API where the CRD is installed (as the chart installs it).
 */
@QuarkusIntegrationTest
@WithKubernetesTestServer(crud = true, setup = ProductionLikeCluster.class)
class PackagedApplicationIT extends ManagementEndpointChecks {

  @Test
  void logsAreJsonInProdProfile() throws IOException {
    PackagedLog.assertJsonLines(PackagedLog.INTEGRATION_TEST_LOG);
  }
}
