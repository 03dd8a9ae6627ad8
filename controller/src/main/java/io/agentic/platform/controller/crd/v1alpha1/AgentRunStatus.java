package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where a run is, what it produced, and what a tenant can do about a problem. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentRunStatus {

  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private Long observedGeneration;
  private String phase;
  private String startedAt;
  private String finishedAt;
  private String duration;

  /** SHA-256 of the spec the run started with: later changes are refused, not applied halfway. */
  private String specDigest;

  /** The runner's result event (status, output, model, usage, error), from the termination log. */
  private Map<String, Object> result;

  private WorkflowStatus workflow;
  private String jobRef;
  private List<Condition> conditions = new ArrayList<>();

  public boolean finished() {
    return SUCCEEDED.equals(phase) || FAILED.equals(phase);
  }

  /** Ends the run (and its workflow) in {@code phase} at {@code now}, with its duration. */
  public void finish(String phase, Instant now) {
    if (startedAt == null) {
      startedAt = now.toString();
    }
    this.phase = phase;
    finishedAt = now.toString();
    duration = Duration.between(Instant.parse(startedAt), now).toSeconds() + "s";
    if (workflow != null) {
      workflow.setPhase(phase);
    }
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public String getSpecDigest() {
    return specDigest;
  }

  public void setSpecDigest(String specDigest) {
    this.specDigest = specDigest;
  }

  public Map<String, Object> getResult() {
    return result;
  }

  public void setResult(Map<String, Object> result) {
    this.result = result;
  }

  public WorkflowStatus getWorkflow() {
    return workflow;
  }

  public void setWorkflow(WorkflowStatus workflow) {
    this.workflow = workflow;
  }

  public String getJobRef() {
    return jobRef;
  }

  public void setJobRef(String jobRef) {
    this.jobRef = jobRef;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentRunStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(phase, s.phase)
        && Objects.equals(startedAt, s.startedAt)
        && Objects.equals(finishedAt, s.finishedAt)
        && Objects.equals(duration, s.duration)
        && Objects.equals(specDigest, s.specDigest)
        && Objects.equals(result, s.result)
        && Objects.equals(workflow, s.workflow)
        && Objects.equals(jobRef, s.jobRef)
        && Objects.equals(conditions, s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, startedAt, finishedAt, jobRef, conditions);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WorkflowStatus {
    private String phase;
    private List<StepStatus> steps = new ArrayList<>();

    public String getPhase() {
      return phase;
    }

    public void setPhase(String phase) {
      this.phase = phase;
    }

    public List<StepStatus> getSteps() {
      return steps;
    }

    public void setSteps(List<StepStatus> steps) {
      this.steps = steps == null ? new ArrayList<>() : steps;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WorkflowStatus w
          && Objects.equals(phase, w.phase)
          && Objects.equals(steps, w.steps);
    }

    @Override
    public int hashCode() {
      return Objects.hash(phase, steps);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StepStatus {
    private String name;
    private String phase;
    private int attempts;
    private String startedAt;
    private String finishedAt;

    /** When the next attempt may start, after a failed one. */
    private String retryAt;

    private String jobRef;
    private Map<String, Object> result;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPhase() {
      return phase;
    }

    public void setPhase(String phase) {
      this.phase = phase;
    }

    public int getAttempts() {
      return attempts;
    }

    public void setAttempts(int attempts) {
      this.attempts = attempts;
    }

    public String getStartedAt() {
      return startedAt;
    }

    public void setStartedAt(String startedAt) {
      this.startedAt = startedAt;
    }

    public String getFinishedAt() {
      return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
      this.finishedAt = finishedAt;
    }

    public String getRetryAt() {
      return retryAt;
    }

    public void setRetryAt(String retryAt) {
      this.retryAt = retryAt;
    }

    public String getJobRef() {
      return jobRef;
    }

    public void setJobRef(String jobRef) {
      this.jobRef = jobRef;
    }

    public Map<String, Object> getResult() {
      return result;
    }

    public void setResult(Map<String, Object> result) {
      this.result = result;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StepStatus s
          && attempts == s.attempts
          && Objects.equals(name, s.name)
          && Objects.equals(phase, s.phase)
          && Objects.equals(startedAt, s.startedAt)
          && Objects.equals(finishedAt, s.finishedAt)
          && Objects.equals(retryAt, s.retryAt)
          && Objects.equals(jobRef, s.jobRef)
          && Objects.equals(result, s.result);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, phase, attempts, jobRef);
    }
  }
}
