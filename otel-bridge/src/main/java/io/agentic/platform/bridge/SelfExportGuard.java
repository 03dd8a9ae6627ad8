package io.agentic.platform.bridge;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stops the bridge at startup if its own traces, when turned on, would be exported into its own
 * receivers: every export would then produce spans to export, without end.
 */
@Startup
@Singleton
class SelfExportGuard {

  private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "0.0.0.0", "[::1]");

  SelfExportGuard(
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled,
      @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint")
          Optional<String> tracesEndpoint,
      @ConfigProperty(
              name = "quarkus.otel.exporter.otlp.endpoint",
              defaultValue = "http://localhost:4317")
          String endpoint,
      @ConfigProperty(name = "quarkus.grpc.server.port") int grpcPort,
      @ConfigProperty(name = "quarkus.http.port") int httpPort) {
    if (!disabled && loopsBack(tracesEndpoint.orElse(endpoint), grpcPort, httpPort)) {
      throw new IllegalStateException(
          "quarkus.otel.exporter.otlp.endpoint ("
              + tracesEndpoint.orElse(endpoint)
              + ") is this bridge's own receiver: its traces would be exported into itself."
              + " Point it elsewhere or set quarkus.otel.sdk.disabled=true");
    }
  }

  /** Whether {@code endpoint} is one of this process's own OTLP ports on a local address. */
  static boolean loopsBack(String endpoint, int grpcPort, int httpPort) {
    URI uri = URI.create(endpoint);
    if (uri.getHost() == null || !LOCAL.contains(uri.getHost())) {
      return false;
    }
    return uri.getPort() == grpcPort || uri.getPort() == httpPort;
  }
}
