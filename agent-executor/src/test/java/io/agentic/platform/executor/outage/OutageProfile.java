package io.agentic.platform.executor.outage;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Routes the executor's NATS and PostgreSQL connections through proxies the test controls. */
public class OutageProfile implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(ProxiesResource.class));
  }
}
