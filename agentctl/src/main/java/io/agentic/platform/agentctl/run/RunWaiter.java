package io.agentic.platform.agentctl.run;

import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.ExitCodes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Waits for an AgentRun to end and reports it: its output, or the reason it failed. */
final class RunWaiter {

  private static final Duration POLL = Duration.ofMillis(500);

  private RunWaiter() {}

  static int await(
      KubernetesClient client, String ns, String name, Duration timeout, PrintWriter out) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      GenericKubernetesResource run;
      try {
        run =
            client
                .genericKubernetesResources(RunSubmitCommand.AGENT_RUNS)
                .inNamespace(ns)
                .withName(name)
                .get();
      } catch (KubernetesClientException e) {
        throw CliFailure.unavailable(
            "lost the Kubernetes API while waiting for "
                + ns
                + "/"
                + name
                + ": "
                + RunSubmitCommand.rootMessage(e));
      }
      if (run == null) {
        throw new CliFailure(
            ExitCodes.NOT_SUCCEEDED, "AgentRun " + ns + "/" + name + " was deleted");
      }
      Map<?, ?> status =
          run.getAdditionalProperties().get("status") instanceof Map<?, ?> s ? s : Map.of();
      Object phase = status.get("phase");
      if ("Succeeded".equals(phase)) {
        Object output = status.get("result") instanceof Map<?, ?> r ? r.get("output") : null;
        out.println(output == null ? "" : output);
        return ExitCodes.OK;
      }
      if ("Failed".equals(phase)) {
        throw new CliFailure(
            ExitCodes.NOT_SUCCEEDED,
            "AgentRun " + ns + "/" + name + " failed: " + degraded(status));
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new CliFailure(
            ExitCodes.TIMEOUT,
            "AgentRun "
                + ns
                + "/"
                + name
                + " is still "
                + (phase == null ? "Pending" : phase)
                + " after "
                + timeout.toSeconds()
                + " s"
                + (degraded(status).isEmpty() ? "" : ": " + degraded(status)));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCodes.TIMEOUT, "interrupted while waiting for " + ns + "/" + name);
      }
    }
  }

  /** The Degraded condition's reason and message, if the run reports one. */
  private static String degraded(Map<?, ?> status) {
    if (!(status.get("conditions") instanceof List<?> conditions)) {
      return "";
    }
    for (Object c : conditions) {
      if (c instanceof Map<?, ?> m
          && "Degraded".equals(m.get("type"))
          && "True".equals(m.get("status"))) {
        return m.get("reason") + ": " + m.get("message");
      }
    }
    return "";
  }
}
