package io.agentic.platform.controller.crd.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the controller made of a Tenant: per namespace, and overall. */
public class TenantStatus {

  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private List<NamespaceState> namespaces = new ArrayList<>();

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

  public List<NamespaceState> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<NamespaceState> namespaces) {
    this.namespaces = namespaces;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(namespaces, other.namespaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, namespaces);
  }

  /** One namespace of the tenant: {@code Ready}, {@code Conflict} or {@code Failed}, and why. */
  public static class NamespaceState {
    private String name;
    private String state;
    private String message;

    public NamespaceState() {}

    public NamespaceState(String name, String state, String message) {
      this.name = name;
      this.state = state;
      this.message = message;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getState() {
      return state;
    }

    public void setState(String state) {
      this.state = state;
    }

    public String getMessage() {
      return message;
    }

    public void setMessage(String message) {
      this.message = message;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NamespaceState other
          && Objects.equals(name, other.name)
          && Objects.equals(state, other.state)
          && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, state, message);
    }
  }
}
