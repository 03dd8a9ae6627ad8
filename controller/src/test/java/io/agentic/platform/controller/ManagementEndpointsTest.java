package io.agentic.platform.controller;

import io.agentic.platform.testsupport.ManagementEndpointChecks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Health and metrics on the management port. The operator needs a Kubernetes API to start: the
 * fabric8 mock server stands in for one. The packaged-jar test runs the same checks against its own
 * mock server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ManagementEndpointsTest extends ManagementEndpointChecks {}
