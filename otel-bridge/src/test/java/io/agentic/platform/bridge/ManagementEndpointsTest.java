package io.agentic.platform.bridge;

import io.agentic.platform.testsupport.ManagementEndpointChecks;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ManagementEndpointsTest extends ManagementEndpointChecks {}
