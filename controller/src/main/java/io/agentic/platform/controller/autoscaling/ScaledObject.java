package io.agentic.platform.controller.autoscaling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * The part of KEDA's {@code keda.sh/v1alpha1} ScaledObject the controller writes. A typed class
 * rather than a generic resource, because a generic one needs API discovery, which fails while KEDA
 * is not installed; the controller never needs KEDA's own classes.
 */
@Group(Keda.GROUP)
@Version(Keda.VERSION)
@Kind(Keda.KIND)
@Plural("scaledobjects")
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaledObject extends CustomResource<ScaledObject.Spec, Map<String, Object>>
    implements Namespaced {

  /**
   * @param scaleTargetRef the Deployment KEDA scales
   * @param minReplicaCount fewest replicas (0 allows scaling to zero)
   * @param maxReplicaCount most replicas
   * @param triggers what KEDA scales on
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Spec(
      ScaleTargetRef scaleTargetRef,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      List<Trigger> triggers) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ScaleTargetRef(String apiVersion, String kind, String name) {}

  /** A KEDA trigger; its metadata values are strings, as KEDA requires. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Trigger(String type, Map<String, String> metadata) {}
}
