package io.agentic.platform.router.access;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.agentic.platform.router.routing.SandboxTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * Sandbox verification from informer caches: the list is loaded once and then kept current by a
 * watch, so a request costs a map lookup and never a call to the API server.
 */
final class InformedSandboxes implements SandboxVerification {

  /** Named in full so no API discovery call (and no permission for one) is needed. */
  public static final ResourceDefinitionContext RESOURCE =
      new ResourceDefinitionContext.Builder()
          .withGroup("agents.x-k8s.io")
          .withVersion("v1alpha1")
          .withKind("Sandbox")
          .withPlural("sandboxes")
          .withNamespaced(true)
          .build();

  private final List<SharedIndexInformer<GenericKubernetesResource>> informers;

  InformedSandboxes(List<SharedIndexInformer<GenericKubernetesResource>> informers) {
    this.informers = informers;
  }

  @Override
  public void check(SandboxTarget target) {
    if (!ready()) {
      throw new ProblemException(
          Problem.upstreamNotReady("the router has not loaded the list of sandboxes yet"));
    }
    String key = target.namespace() + "/" + target.id();
    GenericKubernetesResource sandbox =
        informers.stream()
            .map(informer -> informer.getStore().getByKey(key))
            .filter(found -> found != null)
            .findFirst()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.unknownSandbox(
                            "there is no sandbox '"
                                + target.id()
                                + "' in namespace '"
                                + target.namespace()
                                + "'")));
    if (isReadyFalse(sandbox)) {
      throw new ProblemException(
          Problem.upstreamNotReady(
              "sandbox '"
                  + target.id()
                  + "' in namespace '"
                  + target.namespace()
                  + "' exists but is not ready"));
    }
  }

  @Override
  public boolean ready() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** Only an explicit Ready=False refuses: a sandbox whose status is not written yet may work. */
  @SuppressWarnings("unchecked")
  private static boolean isReadyFalse(GenericKubernetesResource sandbox) {
    Object status = sandbox.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> fields)
        || !(fields.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream()
        .filter(Map.class::isInstance)
        .map(condition -> (Map<String, Object>) condition)
        .anyMatch(
            condition ->
                "Ready".equals(condition.get("type")) && "False".equals(condition.get("status")));
  }
}
