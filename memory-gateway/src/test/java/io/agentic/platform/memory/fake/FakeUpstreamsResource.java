package io.agentic.platform.memory.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Starts the fake EverMemOS and the fake token issuer on random loopback ports for every test (and
 * for the packaged application in integration tests) and points the gateway at them.
 */
public class FakeUpstreamsResource implements QuarkusTestResourceLifecycleManager {

  private Vertx vertx;
  private FakeEverMemOs everMemOs;
  private FakeIssuer issuer;

  @Override
  public Map<String, String> start() {
    try {
      vertx = Vertx.vertx();
      everMemOs = new FakeEverMemOs(vertx);
      everMemOs.start();
      issuer = new FakeIssuer(vertx);
      issuer.start();
    } catch (Exception e) {
      throw new IllegalStateException("the fake upstreams did not start", e);
    }
    return Map.of(
        "memory.evermemos.base-url", everMemOs.url(),
        "mp.jwt.verify.publickey.location", issuer.jwksUrl(),
        "mp.jwt.verify.issuer", FakeIssuer.ISSUER,
        // The fake issuer serves its JWKS over http; the packaged jar runs in the prod profile.
        "memory.auth.allow-http-jwks", "true",
        "fake.evermemos.control-url", everMemOs.controlUrl(),
        "fake.issuer.private-key", issuer.privateKeyBase64());
  }

  @Override
  public void stop() {
    try {
      everMemOs.stop();
      issuer.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the fake upstreams did not stop", e);
    } finally {
      vertx.close();
    }
  }
}
