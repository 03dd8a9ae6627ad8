package io.agentic.platform.controller.agentrun;

import io.agentic.platform.controller.crd.v1alpha1.AgentRun;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Input;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Message;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Step;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request a runner executes ({@code run.json}, version 1 of docs/agent-requests.md), for the
 * whole run or one attempt of a step: the run's input with the step's over it, and the {@code
 * {{parameters.<key>}}} and {@code {{steps.<name>.output}}} placeholders of the messages filled in.
 *
 * @param json the request as written into the Job's ConfigMap
 * @param parameters the merged parameters, as written next to it
 */
record RunRequest(String json, String parameters) {

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{\\{\\s*(parameters\\.([A-Za-z0-9_.-]+)|steps\\.([a-z0-9-]+)\\.output)\\s*\\}\\}");

  /**
   * @param runId the idempotency key: the AgentRun's uid, and for a step its name and attempt
   * @param tenant the tenant of the run's namespace
   * @param step the step, or null for a job run
   * @param outputs the outputs of the steps that succeeded so far, by name
   * @throws IllegalArgumentException when a message names a parameter or step output that does not
   *     exist (yet)
   */
  static RunRequest of(
      AgentRun run, String runId, String tenant, Step step, Map<String, String> outputs) {
    AgentRunSpec spec = run.getSpec();
    Input input =
        step != null && step.getInput() != null
            ? over(step.getInput(), spec.getInput())
            : spec.getInput();
    Map<String, String> parameters = new LinkedHashMap<>(spec.getParameters());
    if (step != null && step.getParameters() != null) {
      parameters.putAll(step.getParameters());
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("version", 1);
    request.put("runId", runId);
    request.put("tenant", tenant);
    request.put("agent", spec.getAgent());
    if (input.getSessionId() != null) {
      request.put("sessionId", input.getSessionId());
    }
    if (input.getUserId() != null) {
      request.put("userId", input.getUserId());
    }
    request.put(
        "messages",
        input.getMessages().stream()
            .map(
                m ->
                    Map.of(
                        "role", m.getRole(), "content", fill(m.getContent(), parameters, outputs)))
            .toList());
    if (input.getModel() != null) {
      request.put("model", input.getModel());
    }
    if (input.getMemory() != null) {
      request.put("memory", input.getMemory());
    }
    return new RunRequest(Serialization.asJson(request), Serialization.asJson(parameters));
  }

  /** The step's input: each field it sets replaces the run's. */
  private static Input over(Input step, Input run) {
    Input merged = new Input();
    merged.setMessages(step.getMessages().isEmpty() ? run.getMessages() : step.getMessages());
    merged.setSessionId(step.getSessionId() != null ? step.getSessionId() : run.getSessionId());
    merged.setUserId(step.getUserId() != null ? step.getUserId() : run.getUserId());
    merged.setModel(step.getModel() != null ? step.getModel() : run.getModel());
    merged.setMemory(step.getMemory() != null ? step.getMemory() : run.getMemory());
    return merged;
  }

  static String fill(String content, Map<String, String> parameters, Map<String, String> outputs) {
    Matcher m = PLACEHOLDER.matcher(content);
    StringBuilder filled = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(2) != null) {
        value = parameters.get(m.group(2));
        if (value == null) {
          throw new IllegalArgumentException(
              "a message names {{parameters." + m.group(2) + "}}, which is not set");
        }
      } else {
        value = outputs.get(m.group(3));
        if (value == null) {
          throw new IllegalArgumentException(
              "a message names {{steps."
                  + m.group(3)
                  + ".output}}, but no earlier step of that name has succeeded");
        }
      }
      m.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    m.appendTail(filled);
    return filled.toString();
  }

  /** Messages of a run: what validation counts. */
  static List<Message> messages(AgentRunSpec spec, Step step) {
    return step != null && step.getInput() != null && !step.getInput().getMessages().isEmpty()
        ? step.getInput().getMessages()
        : spec.getInput().getMessages();
  }
}
