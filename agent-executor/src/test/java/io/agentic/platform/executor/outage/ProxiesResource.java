package io.agentic.platform.executor.outage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;

/** Starts the NATS, PostgreSQL and Redis proxies and points the executor at them. */
public class ProxiesResource implements QuarkusTestResourceLifecycleManager {

  private Proxies proxies;

  @Override
  public Map<String, String> start() {
    try {
      proxies = new Proxies(new TcpProxy(4222), new TcpProxy(5432), new TcpProxy(6379));
    } catch (IOException e) {
      throw new IllegalStateException("proxies did not start", e);
    }
    return Map.of(
        "nats.url",
        "nats://127.0.0.1:" + proxies.nats().port(),
        "postgres.port",
        Integer.toString(proxies.postgres().port()),
        "dragonfly.port",
        Integer.toString(proxies.redis().port()));
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(proxies, new TestInjector.MatchesType(Proxies.class));
  }

  @Override
  public void stop() {
    try {
      proxies.nats().close();
      proxies.postgres().close();
      proxies.redis().close();
    } catch (IOException ignored) {
      // The test is over.
    }
  }

  /** The proxies, injected into the test. */
  public record Proxies(TcpProxy nats, TcpProxy postgres, TcpProxy redis) {}
}
