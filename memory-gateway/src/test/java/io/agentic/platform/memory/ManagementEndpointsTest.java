package io.agentic.platform.memory;

import io.agentic.platform.memory.fake.FakeUpstreamsResource;
import io.agentic.platform.testsupport.ManagementEndpointChecks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FakeUpstreamsResource.class, scope = TestResourceScope.GLOBAL)
class ManagementEndpointsTest extends ManagementEndpointChecks {}
