package io.agentic.platform.bridge.receiver;

import io.agentic.platform.testsupport.HealthAndMetrics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The memory-size form of the body limit in the packaged jar, as the chart sets it. */
@QuarkusIntegrationTest
@TestProfile(MessageLimitSettingTest.OneMebibyte.class)
class MessageLimitSettingIT extends MessageLimitSettingTest {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  @BeforeEach
  void awaitReadiness() {
    HealthAndMetrics.awaitUp(readiness.toString(), Duration.ofSeconds(30));
  }
}
