package io.agentic.platform.controller.secrets;

import io.agentic.platform.controller.ControllerConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelectorBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import java.util.function.UnaryOperator;

/**
 * Which Secrets the controller asks the API server for. A field selector cannot name the Secrets
 * AgentExecutors reference, so by default the types none of them can be are left out (tokens,
 * registry credentials, Helm release records); with a label selector, only Secrets that carry the
 * label are seen at all, which platform teams that label their tenants' Secrets can require.
 */
public final class WatchedSecrets {

  private WatchedSecrets() {}

  public static UnaryOperator<InformerEventSourceConfiguration.Builder<Secret>> narrowing(
      ControllerConfig.Secrets config) {
    return informer -> {
      if (!config.ignoredTypes().isEmpty()) {
        FieldSelectorBuilder selector = new FieldSelectorBuilder();
        config.ignoredTypes().forEach(type -> selector.withoutField("type", type));
        informer.withFieldSelector(selector.build());
      }
      config.labelSelector().ifPresent(informer::withLabelSelector);
      return informer;
    };
  }
}
