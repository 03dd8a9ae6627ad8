package io.agentic.platform.controller.workload;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels shared by every object the controller creates for an AgentExecutor. */
public final class WorkloadLabels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF = "app.kubernetes.io/part-of";

  public static final String APP_NAME = "agent-executor";
  public static final String CONTROLLER = "agentic-platform-controller";

  /** Informers of owned objects select on this, so their caches hold only what we created. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + CONTROLLER;

  private WorkloadLabels() {}

  /**
   * Pod selector: name and instance, so two AgentExecutors in one namespace never select each
   * other's pods (the Crossplane composition used one {@code app: agent-executor} label for all).
   */
  public static Map<String, String> selector(AgentExecutor executor) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, APP_NAME);
    labels.put(INSTANCE, executor.getMetadata().getName());
    return labels;
  }

  public static Map<String, String> all(AgentExecutor executor) {
    Map<String, String> labels = selector(executor);
    labels.put(MANAGED_BY, CONTROLLER);
    labels.put(PART_OF, "agentic-platform");
    return labels;
  }

  /**
   * Metadata of a child: same name and namespace as the AgentExecutor, all labels, and a controller
   * owner reference, so the child is garbage-collected with it and tools such as {@code kubectl
   * tree} know who manages it.
   */
  public static ObjectMeta childMetadata(AgentExecutor executor) {
    return new ObjectMetaBuilder()
        .withName(executor.getMetadata().getName())
        .withNamespace(executor.getMetadata().getNamespace())
        .withLabels(all(executor))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(executor.getApiVersion())
                .withKind(executor.getKind())
                .withName(executor.getMetadata().getName())
                .withUid(executor.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }
}
