package io.agentic.platform.router.access;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.SandboxTarget;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Only namespaces on the allow-list, or carrying the configured label, are reachable; the router
 * refuses to start with neither. The API server's Service is never a target, whatever is allowed.
 */
@Singleton
public class NamespacePolicy {

  private final Set<String> allowed;
  private final LabelledNamespaces labelled;

  NamespacePolicy(RouterConfig config, LabelledNamespaces labelled) {
    this.allowed = config.namespaces().allowed().orElse(Set.of());
    this.labelled = labelled;
    if (allowed.isEmpty() && config.namespaces().labelSelector().isEmpty()) {
      throw new IllegalStateException(
          "router.namespaces.allowed (ROUTER_NAMESPACES_ALLOWED) and"
              + " router.namespaces.label-selector (ROUTER_NAMESPACES_LABEL_SELECTOR) are both"
              + " empty: name the namespaces whose sandboxes the router may reach");
    }
  }

  public void check(SandboxTarget target) {
    if (target.id().equals("kubernetes") && target.namespace().equals("default")) {
      throw new ProblemException(
          Problem.forbidden("the Kubernetes API server is not a sandbox and is never proxied"));
    }
    if (!allowed.contains(target.namespace()) && !labelled.contains(target.namespace())) {
      throw new ProblemException(
          Problem.forbidden(
              "namespace '" + target.namespace() + "' is not open to the sandbox router"));
    }
  }

  /** True once the labelled namespaces, if any are configured, have been loaded. */
  public boolean ready() {
    return labelled.ready();
  }
}
