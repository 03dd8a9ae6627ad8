package io.agentic.platform.controller.agentrun;

import io.agentic.platform.controller.crd.v1alpha1.AgentRun;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Step;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Workload;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunStatus;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunStatus.StepStatus;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunStatus.WorkflowStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a run forward by one look at its Jobs: starts the Job of a run, or of the next step or
 * attempt of a workflow, and records in the status what the Jobs report. Never waits: a retry's
 * backoff is returned as the time to look again.
 */
final class RunProgress {

  /** A problem that keeps the run from going on, for the status's Degraded condition. */
  record Problem(String reason, String message) {}

  private final KubernetesClient client;
  private final AgentRun run;
  private final AgentRunStatus status;
  private final Map<String, Job> jobs;
  private final List<Pod> pods;
  private final RunSettings settings;
  private final Instant now;
  private Problem problem;
  private Duration lookAgainIn;

  RunProgress(
      KubernetesClient client,
      AgentRun run,
      AgentRunStatus status,
      List<Job> jobs,
      List<Pod> pods,
      RunSettings settings,
      Instant now) {
    this.client = client;
    this.run = run;
    this.status = status;
    this.jobs = new LinkedHashMap<>();
    jobs.forEach(j -> this.jobs.put(j.getMetadata().getName(), j));
    this.pods = pods;
    this.settings = settings;
    this.now = now;
  }

  Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }

  Optional<Duration> lookAgainIn() {
    return Optional.ofNullable(lookAgainIn);
  }

  /** A {@code job} run: one Job, its outcome the run's. */
  void job() {
    String name = AgentRunJob.name(run, null, 0);
    Job job = jobs.get(name);
    if (job == null) {
      job = start(name, null, run.getSpec().getWorkload(), run.getMetadata().getUid(), Map.of());
      if (job == null) {
        return;
      }
    }
    status.setJobRef(name);
    JobOutcome outcome = JobOutcome.of(job, podsOf(name));
    status.setResult(outcome.result());
    switch (outcome.state()) {
      case SUCCEEDED -> finish(AgentRunStatus.SUCCEEDED);
      case FAILED -> {
        problem = new Problem(outcome.reason(), outcome.message());
        finish(AgentRunStatus.FAILED);
      }
      case RUNNING -> {
        running();
        if (outcome.problem()) {
          problem = new Problem(outcome.reason(), outcome.message());
        }
      }
    }
  }

  /** A {@code workflow} run: steps in order, each retried as it allows. */
  void workflow() {
    WorkflowStatus workflow =
        status.getWorkflow() == null ? new WorkflowStatus() : status.getWorkflow();
    status.setWorkflow(workflow);
    List<Step> steps = run.getSpec().getWorkflow().getSteps();
    Map<String, String> outputs = new LinkedHashMap<>();
    List<StepStatus> stepStatuses = new ArrayList<>();
    for (Step step : steps) {
      stepStatuses.add(stepStatus(workflow, step.getName()));
    }
    workflow.setSteps(stepStatuses);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      StepStatus s = stepStatuses.get(i);
      if (!AgentRunStatus.SUCCEEDED.equals(s.getPhase())) {
        if (!advance(step, s, outputs)) {
          workflow.setPhase(status.getPhase());
          return;
        }
      }
      outputs.put(step.getName(), output(s.getResult()));
    }
    status.setResult(
        stepStatuses.isEmpty() ? null : stepStatuses.get(stepStatuses.size() - 1).getResult());
    finish(AgentRunStatus.SUCCEEDED);
    workflow.setPhase(AgentRunStatus.SUCCEEDED);
  }

  /** Works on one step; true when it has succeeded and the next may go. */
  private boolean advance(Step step, StepStatus s, Map<String, String> outputs) {
    if (s.getAttempts() == 0) {
      return startAttempt(step, s, outputs);
    }
    String name = AgentRunJob.name(run, step.getName(), s.getAttempts());
    Job job = jobs.get(name);
    if (job == null) {
      // The attempt's Job is not in the cache yet, or was deleted by hand: it is made again (a
      // finished run's result is kept by the runner's record, so nothing runs twice).
      job = start(name, step, stepWorkload(step), runId(step, s.getAttempts()), outputs);
      if (job == null) {
        return false;
      }
    }
    JobOutcome outcome = JobOutcome.of(job, podsOf(name));
    s.setJobRef(name);
    if (outcome.result() != null) {
      s.setResult(outcome.result());
    }
    switch (outcome.state()) {
      case SUCCEEDED -> {
        s.setPhase(AgentRunStatus.SUCCEEDED);
        s.setFinishedAt(now.toString());
        s.setRetryAt(null);
        return true;
      }
      case RUNNING -> {
        s.setPhase(AgentRunStatus.RUNNING);
        running();
        if (outcome.problem()) {
          problem =
              new Problem(outcome.reason(), "step " + step.getName() + ": " + outcome.message());
        }
        return false;
      }
      default -> {
        if (s.getAttempts() > step.retries()) {
          s.setPhase(AgentRunStatus.FAILED);
          s.setFinishedAt(now.toString());
          problem =
              new Problem(
                  outcome.reason(),
                  "step "
                      + step.getName()
                      + " failed after "
                      + s.getAttempts()
                      + " attempt(s): "
                      + outcome.message());
          finish(AgentRunStatus.FAILED);
          return false;
        }
        Instant retryAt =
            s.getRetryAt() != null
                ? Instant.parse(s.getRetryAt())
                : now.plusSeconds(step.retryBackoff());
        s.setRetryAt(retryAt.toString());
        s.setPhase("Retrying");
        running();
        if (now.isBefore(retryAt)) {
          lookAgainIn = Duration.between(now, retryAt);
          return false;
        }
        return startAttempt(step, s, outputs);
      }
    }
  }

  private boolean startAttempt(Step step, StepStatus s, Map<String, String> outputs) {
    int attempt = s.getAttempts() + 1;
    String name = AgentRunJob.name(run, step.getName(), attempt);
    Job job = start(name, step, stepWorkload(step), runId(step, attempt), outputs);
    if (job == null) {
      return false;
    }
    s.setAttempts(attempt);
    s.setJobRef(name);
    s.setRetryAt(null);
    s.setPhase(AgentRunStatus.RUNNING);
    if (s.getStartedAt() == null) {
      s.setStartedAt(now.toString());
    }
    running();
    return false;
  }

  /** Creates the ConfigMap and Job; null (with the problem set) when it cannot. */
  private Job start(
      String name, Step step, Workload workload, String runId, Map<String, String> outputs) {
    Optional<String> image = settings.image(workload);
    if (image.isEmpty()) {
      problem =
          new Problem(
              "ImageNotConfigured",
              "no runner image: set spec.workload.image, or the platform's runner.image");
      pending();
      return null;
    }
    RunRequest request;
    try {
      request = RunRequest.of(run, runId, settings.tenant().get(), step, outputs);
    } catch (IllegalArgumentException e) {
      problem = new Problem("InvalidSpec", e.getMessage());
      finish(AgentRunStatus.FAILED);
      return null;
    }
    String stepName = step == null ? null : step.getName();
    client
        .resource(AgentRunJob.configMap(run, name, stepName, request))
        .createOr(NonDeletingOperation::update);
    Job job =
        client
            .resource(
                AgentRunJob.job(
                    run,
                    name,
                    stepName,
                    workload,
                    image.get(),
                    settings.otlpEndpoint(),
                    settings.tenant().get()))
            .createOr(NonDeletingOperation::update);
    jobs.put(name, job);
    running();
    return job;
  }

  private Workload stepWorkload(Step step) {
    return step.getWorkload() == null
        ? run.getSpec().getWorkload()
        : step.getWorkload().over(run.getSpec().getWorkload());
  }

  /** One run per attempt: a retried step is a new run for the runner's record. */
  private String runId(Step step, int attempt) {
    return run.getMetadata().getUid() + "." + step.getName() + "." + attempt;
  }

  private List<Pod> podsOf(String job) {
    return pods.stream()
        .filter(
            p ->
                p.getMetadata().getLabels() != null
                    && job.equals(p.getMetadata().getLabels().get("job-name")))
        .toList();
  }

  private static StepStatus stepStatus(WorkflowStatus workflow, String name) {
    return workflow.getSteps().stream()
        .filter(s -> name.equals(s.getName()))
        .findFirst()
        .orElseGet(
            () -> {
              StepStatus s = new StepStatus();
              s.setName(name);
              s.setPhase(AgentRunStatus.PENDING);
              return s;
            });
  }

  private static String output(Map<String, Object> result) {
    Object output = result == null ? null : result.get("output");
    return output == null ? "" : output.toString();
  }

  private void pending() {
    if (status.getPhase() == null) {
      status.setPhase(AgentRunStatus.PENDING);
    }
  }

  private void running() {
    status.setPhase(AgentRunStatus.RUNNING);
    if (status.getStartedAt() == null) {
      status.setStartedAt(now.toString());
    }
  }

  private void finish(String phase) {
    status.finish(phase, now);
  }
}
