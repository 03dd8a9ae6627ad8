package io.agentic.platform.bridge.fake;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link FakeLangfuse} and points the bridge at it with Langfuse-style credentials, with
 * the gRPC receiver on a fixed port. Tests reach the running fake through {@link #fake()}.
 */
public class FakeLangfuseResource implements QuarkusTestResourceLifecycleManager {

  public static final String PUBLIC_KEY = "pk-lf-test";
  public static final String SECRET_KEY = "sk-lf-test";

  /** The gRPC port of the bridge under test (packaged or not). */
  public static final int GRPC_PORT = 14317;

  private static volatile FakeLangfuse fake;

  public static FakeLangfuse fake() {
    return fake;
  }

  /** A plaintext channel to the bridge's gRPC receiver; the caller shuts it down. */
  public static ManagedChannel grpcChannel() {
    return ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
  }

  @Override
  public Map<String, String> start() {
    fake = new FakeLangfuse();
    return Map.of(
        "bridge.export.endpoint",
        fake.endpoint(),
        "bridge.export.public-key",
        PUBLIC_KEY,
        "bridge.export.secret-key",
        SECRET_KEY,
        "quarkus.grpc.server.port",
        Integer.toString(GRPC_PORT),
        "quarkus.grpc.server.test-port",
        Integer.toString(GRPC_PORT),
        // Tests wait for a partial batch for a fraction of the production 5 s.
        "bridge.batch.timeout",
        "200ms",
        "bridge.batch.send-batch-max-size",
        "512");
  }

  @Override
  public void stop() {
    if (fake != null) {
      fake.close();
    }
  }
}
