package io.agentic.platform.controller.agentrun;

import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Step;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Workload;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the schema cannot say about an AgentRun (or an API server without CEL rules did not check),
 * each problem naming its field.
 */
final class RunValidator {

  static final int MAX_MESSAGES = 200;

  private RunValidator() {}

  static List<String> problems(AgentRunSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.getAgent() == null || spec.getAgent().isBlank()) {
      problems.add("spec.agent is required");
    }
    if (spec.getLlmKeysSecret() == null || spec.getLlmKeysSecret().isBlank()) {
      problems.add("spec.llmKeysSecret must name a Secret");
    }
    env(problems, "spec.workload.env", spec.getWorkload());
    var type = spec.getRuntime() == null ? null : spec.getRuntime().getType();
    if (type == null) {
      problems.add("spec.runtime.type is required (job or workflow)");
    } else if (type == AgentRunSpec.Runtime.Type.WORKFLOW) {
      if (spec.getWorkflow() == null || spec.getWorkflow().getSteps().isEmpty()) {
        problems.add("spec.workflow.steps must list at least one step for runtime.type workflow");
      } else {
        Set<String> names = new HashSet<>();
        for (Step step : spec.getWorkflow().getSteps()) {
          if (step.getName() == null || !names.add(step.getName())) {
            problems.add(
                "spec.workflow.steps: step names must be set and unique (" + step.getName() + ")");
          }
          messages(
              problems,
              "spec.workflow.steps[" + step.getName() + "]",
              RunRequest.messages(spec, step).size());
          env(
              problems,
              "spec.workflow.steps[" + step.getName() + "].workload.env",
              step.getWorkload());
        }
      }
    } else {
      messages(problems, "spec.input.messages", spec.getInput().getMessages().size());
    }
    return problems;
  }

  private static void messages(List<String> problems, String field, int count) {
    if (count < 1 || count > MAX_MESSAGES) {
      problems.add(field + " must hold 1 to " + MAX_MESSAGES + " messages");
    }
  }

  private static void env(List<String> problems, String field, Workload workload) {
    if (workload == null || workload.getEnv() == null) {
      return;
    }
    for (EnvVar e : workload.getEnv()) {
      if (AgentRunJob.MANAGED_ENV_NAMES.contains(e.getName())) {
        problems.add(field + " may not set " + e.getName() + ": the controller sets it");
      }
    }
  }
}
