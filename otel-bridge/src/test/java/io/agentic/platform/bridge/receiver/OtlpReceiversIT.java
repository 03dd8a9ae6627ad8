package io.agentic.platform.bridge.receiver;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The receiver tests against the packaged jar in the prod profile: real OTLP clients, the bridge as
 * it runs in a container, and the fake Langfuse in this JVM.
 */
@QuarkusIntegrationTest
class OtlpReceiversIT extends OtlpReceiversTest {}
