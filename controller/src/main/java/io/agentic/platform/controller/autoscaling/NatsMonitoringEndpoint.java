package io.agentic.platform.controller.autoscaling;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The {@code host:port} KEDA's nats-jetstream scaler queries: the spec's explicit value, or the
 * host of {@code natsUrl} with NATS's HTTP monitoring port. (The composition passed the {@code
 * nats://host:4222} client URL here, which KEDA turns into an unusable HTTP URL.)
 */
public final class NatsMonitoringEndpoint {

  private NatsMonitoringEndpoint() {}

  public static Optional<String> of(AgentExecutorSpec spec) {
    if (spec.getNatsMonitoringEndpoint() != null && !spec.getNatsMonitoringEndpoint().isBlank()) {
      return Optional.of(spec.getNatsMonitoringEndpoint());
    }
    return hostOf(spec.getNatsUrl())
        .map(host -> host + ":" + AgentExecutorSpec.DEFAULT_MONITORING_PORT);
  }

  /** Host of the first server of a NATS URL list such as {@code nats://a:4222,nats://b:4222}. */
  static Optional<String> hostOf(String natsUrl) {
    if (natsUrl == null) {
      return Optional.empty();
    }
    String first = natsUrl.split(",", 2)[0].trim();
    try {
      return Optional.ofNullable(new URI(first).getHost()).filter(h -> !h.isBlank());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
