package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a tenant gets. */
public class TenantSpec {

  @JsonPropertyDescription(
      "Namespaces of the tenant: created when missing, adopted when they exist and belong to no"
          + " other tenant. A namespace belongs to one tenant only.")
  private List<@Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$") String> namespaces =
      new ArrayList<>();

  @JsonPropertyDescription(
      "Users, groups and service accounts bound to the tenant-agent-developer ClusterRole in each"
          + " namespace, as in a RoleBinding's subjects.")
  private List<Subject> developers = new ArrayList<>();

  @JsonPropertyDescription(
      "ResourceQuota hard limits per namespace (e.g. requests.cpu, limits.memory, pods); none when"
          + " empty.")
  private Map<String, Quantity> quota;

  @JsonPropertyDescription("LimitRange defaults for containers in each namespace; none when unset.")
  private TenantLimits limits;

  @JsonPropertyDescription(
      "Delete a namespace the controller created when it is removed from the tenant (or the tenant"
          + " is deleted). Adopted namespaces are never deleted.")
  private boolean deleteNamespaces;

  @JsonPropertyDescription(
      "Issue a scoped sandbox-router token for each namespace (all its sandboxes), in the Secret"
          + " sandbox-router-token (keys token and expires-at), replaced before it expires.")
  private boolean sandboxAccess;

  @JsonPropertyDescription(
      "Node labels the tenant's executor pods must match; overrides the platform's default, an"
          + " AgentExecutor's own spec.scheduling overrides it. None when empty.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription(
      "Tolerations of the tenant's executor pods; overrides the platform's default, an"
          + " AgentExecutor's own spec.scheduling overrides it. None when empty.")
  private List<Toleration> tolerations;

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces == null ? new ArrayList<>() : namespaces;
  }

  public List<Subject> getDevelopers() {
    return developers;
  }

  public void setDevelopers(List<Subject> developers) {
    this.developers = developers == null ? new ArrayList<>() : developers;
  }

  public Map<String, Quantity> getQuota() {
    return quota;
  }

  public void setQuota(Map<String, Quantity> quota) {
    this.quota = quota;
  }

  public TenantLimits getLimits() {
    return limits;
  }

  public void setLimits(TenantLimits limits) {
    this.limits = limits;
  }

  public boolean isDeleteNamespaces() {
    return deleteNamespaces;
  }

  public void setDeleteNamespaces(boolean deleteNamespaces) {
    this.deleteNamespaces = deleteNamespaces;
  }

  /** Container defaults of the LimitRange. */
  public boolean isSandboxAccess() {
    return sandboxAccess;
  }

  public void setSandboxAccess(boolean sandboxAccess) {
    this.sandboxAccess = sandboxAccess;
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

  /** The tenant's part of its executors' scheduling. */
  public Scheduling scheduling() {
    return new Scheduling(nodeSelector, tolerations, null, null);
  }

  public static class TenantLimits {

    @JsonPropertyDescription("Default limits of a container that sets none (e.g. cpu, memory).")
    private Map<String, Quantity> defaultLimits;

    @JsonPropertyDescription("Default requests of a container that sets none.")
    private Map<String, Quantity> defaultRequests;

    public Map<String, Quantity> getDefaultLimits() {
      return defaultLimits;
    }

    public void setDefaultLimits(Map<String, Quantity> defaultLimits) {
      this.defaultLimits = defaultLimits;
    }

    public Map<String, Quantity> getDefaultRequests() {
      return defaultRequests;
    }

    public void setDefaultRequests(Map<String, Quantity> defaultRequests) {
      this.defaultRequests = defaultRequests;
    }
  }
}
