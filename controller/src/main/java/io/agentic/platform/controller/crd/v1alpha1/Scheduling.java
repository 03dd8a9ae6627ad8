package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where worker pods may run. The same shape serves the controller's default (chart {@code
 * controller.defaultWorkload}) and an AgentExecutor's own {@code spec.scheduling}; a Tenant sets
 * the node selector and tolerations of its namespaces. Each field overrides as a whole: the
 * AgentExecutor's, when set, over the Tenant's, over the default.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Scheduling {

  @JsonPropertyDescription("Node labels the worker pods must match")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of the worker pods")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Affinity of the worker pods")
  private Affinity affinity;

  @JsonPropertyDescription("PriorityClass of the worker pods")
  private String priorityClassName;

  public Scheduling() {}

  public Scheduling(
      Map<String, String> nodeSelector,
      List<Toleration> tolerations,
      Affinity affinity,
      String priorityClassName) {
    this.nodeSelector = nodeSelector;
    this.tolerations = tolerations;
    this.affinity = affinity;
    this.priorityClassName = priorityClassName;
  }

  /**
   * This scheduling with each unset field taken from {@code fallback}: a field set here wins as a
   * whole (a node selector is not merged key by key, so an AgentExecutor can drop a default label).
   */
  public Scheduling over(Scheduling fallback) {
    if (fallback == null) {
      return this;
    }
    return new Scheduling(
        nodeSelector == null || nodeSelector.isEmpty() ? fallback.nodeSelector : nodeSelector,
        tolerations == null || tolerations.isEmpty() ? fallback.tolerations : tolerations,
        affinity == null ? fallback.affinity : affinity,
        priorityClassName == null || priorityClassName.isBlank()
            ? fallback.priorityClassName
            : priorityClassName);
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scheduling s
        && Objects.equals(nodeSelector, s.nodeSelector)
        && Objects.equals(tolerations, s.tolerations)
        && Objects.equals(affinity, s.affinity)
        && Objects.equals(priorityClassName, s.priorityClassName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nodeSelector, tolerations, affinity, priorityClassName);
  }
}
