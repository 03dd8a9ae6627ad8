package io.agentic.platform.router.access;

import io.agentic.platform.router.RouterConfig;
import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.SandboxTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Only namespaces on the allow-list are reachable; the router refuses to start without one. */
@ApplicationScoped
public class NamespacePolicy {

  private final Set<String> allowed;

  NamespacePolicy(RouterConfig config) {
    this.allowed = config.namespaces().allowed().orElse(Set.of());
    if (allowed.isEmpty()) {
      throw new IllegalStateException(
          "router.namespaces.allowed (ROUTER_NAMESPACES_ALLOWED) is empty: list the namespaces whose"
              + " sandboxes the router may reach");
    }
  }

  public void check(SandboxTarget target) {
    if (!allowed.contains(target.namespace())) {
      throw new ProblemException(
          Problem.forbidden(
              "namespace '" + target.namespace() + "' is not open to the sandbox router"));
    }
  }
}
