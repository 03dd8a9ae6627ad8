package io.agentic.platform.executor.tenancy;

import io.agentic.platform.testsupport.NatsServerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A nats-server of its own running the documented per-tenant accounts example
 * (kubernetes/examples/nats-server-tenants.conf) as written, only on a free port and a temporary
 * store. The executor connects as that example's agent-executor user, with the password given as a
 * file; {@code password} lets a test give a wrong one.
 */
public class TenantNatsServerResource implements QuarkusTestResourceLifecycleManager {

  static final Path EXAMPLE = Path.of("../kubernetes/examples/nats-server-tenants.conf");
  static volatile NatsServerProcess server;

  private Path passwordFile;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new java.util.HashMap<>();
    try {
      String example = Files.readString(EXAMPLE);
      server =
          NatsServerProcess.start(
              example
                  .replace("port: 4222", "port: {port}")
                  .replace("store_dir: /data/jetstream", "store_dir: \"{store}\""));
      passwordFile = Files.createTempFile("nats-password", "");
      Files.writeString(passwordFile, password() + "\n");
    } catch (Exception e) {
      throw new IllegalStateException("the example nats-server did not start", e);
    }
    config.put("nats.url", server.url());
    config.put("nats.user", "agent-executor");
    config.put("nats.password-file", passwordFile.toString());
    config.put("nats.stream-name", "AGENT_REQUESTS");
    config.put("nats.stream-subjects", "agent.requests.>");
    config.put("nats.consumer-group", "agent-executor");
    config.put("executor.requests-prefix", "agent.requests");
    config.put("executor.results-prefix", "agent.results");
    config.put("executor.dead-letter-prefix", "agent.dead-letter");
    return config;
  }

  /** The password the executor is given. */
  protected String password() {
    return "executor-example-password";
  }

  @Override
  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
      if (passwordFile != null) {
        Files.deleteIfExists(passwordFile);
      }
    } catch (Exception e) {
      // A temporary process and file; the test is over.
    }
  }

  /** The executor given a password the server does not accept. */
  public static class WrongPassword extends TenantNatsServerResource {
    @Override
    protected String password() {
      return "not-the-password";
    }
  }

  /** Tests against the example server. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(TenantNatsServerResource.class));
    }
  }

  /** Tests against the example server with a wrong password. */
  public static class WrongPasswordProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(WrongPassword.class));
    }
  }
}
