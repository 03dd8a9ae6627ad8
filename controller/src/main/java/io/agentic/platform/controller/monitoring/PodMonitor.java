package io.agentic.platform.controller.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * The part of the Prometheus Operator's {@code monitoring.coreos.com/v1} PodMonitor the controller
 * writes: typed, like the KEDA ScaledObject, so that nothing needs API discovery while the operator
 * is absent.
 */
@Group(PrometheusOperator.GROUP)
@Version(PrometheusOperator.VERSION)
@Kind(PrometheusOperator.KIND)
@Plural("podmonitors")
@JsonIgnoreProperties(ignoreUnknown = true)
public class PodMonitor extends CustomResource<PodMonitor.Spec, Map<String, Object>>
    implements Namespaced {

  /**
   * @param selector the worker pods
   * @param podMetricsEndpoints where on them the metrics are
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Spec(LabelSelector selector, List<Endpoint> podMetricsEndpoints) {}

  /**
   * @param port the container port's name
   * @param path the metrics path
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(String port, String path) {}
}
