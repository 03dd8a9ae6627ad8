package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the controller observed; written only by the controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentExecutorStatus {

  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();

  @PrinterColumn(name = "Replicas")
  private Integer replicas;

  private Integer readyReplicas;
  private Integer availableReplicas;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getAvailableReplicas() {
    return availableReplicas;
  }

  public void setAvailableReplicas(Integer availableReplicas) {
    this.availableReplicas = availableReplicas;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentExecutorStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(readyReplicas, other.readyReplicas)
        && Objects.equals(availableReplicas, other.availableReplicas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, replicas, readyReplicas, availableReplicas);
  }

  /** Readable in logs and test failures: generation, replicas and each condition's outcome. */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder("AgentExecutorStatus{observedGeneration=")
            .append(observedGeneration)
            .append(", replicas=")
            .append(replicas)
            .append(", readyReplicas=")
            .append(readyReplicas)
            .append(", conditions=[");
    if (conditions != null) {
      for (Condition c : conditions) {
        out.append(c.getType())
            .append('=')
            .append(c.getStatus())
            .append('/')
            .append(c.getReason())
            .append(": ")
            .append(c.getMessage())
            .append("; ");
      }
    }
    return out.append("]}").toString();
  }
}
