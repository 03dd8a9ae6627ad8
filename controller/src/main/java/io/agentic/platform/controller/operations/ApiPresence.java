package io.agentic.platform.controller.operations;

import io.agentic.platform.controller.ControllerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an optional API (KEDA's ScaledObject, the Prometheus Operator's PodMonitor) is installed,
 * by its CRD, looked up at most once per {@code controller.api-presence-ttl} rather than on every
 * reconciliation: under a burst of 500 AgentExecutors those lookups were two API calls of every
 * reconciliation. An API installed or removed is noticed within that time, at the next
 * reconciliation.
 */
@Singleton
public class ApiPresence {

  private record Seen(boolean installed, Instant at) {}

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  @Inject
  ApiPresence(ControllerConfig config) {
    this(config.apiPresenceTtl(), Clock.systemUTC());
  }

  ApiPresence(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  public boolean installed(KubernetesClient client, String crd) {
    Instant now = clock.instant();
    Seen last = seen.get(crd);
    if (last != null && now.isBefore(last.at().plus(ttl))) {
      return last.installed();
    }
    boolean installed =
        client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
    seen.put(crd, new Seen(installed, now));
    return installed;
  }
}
