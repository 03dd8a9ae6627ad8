package io.agentic.platform.controller.secrets;

import static org.awaitility.Awaitility.await;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a Secret label selector the controller sees only the Secrets that carry the label. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(LabelledSecretsTest.OnlyLabelled.class)
class LabelledSecretsTest {

  private static final String LABEL = "platform.agentic.io/executor-secret";

  public static class OnlyLabelled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("controller.secrets.label-selector", LABEL + "=true");
    }
  }

  @Inject KubernetesClient client;

  @Test
  void secretsWithoutTheLabelAreNotSeenUntilLabelled() {
    String ns = "labelled-only";
    for (Secret secret : Examples.secrets()) {
      secret.getMetadata().setNamespace(ns);
      client.resource(secret).create();
    }
    AgentExecutor executor = Examples.consumerExample();
    executor.getMetadata().setNamespace(ns);
    client.resource(executor).create();
    String name = executor.getMetadata().getName();

    awaitDegraded(ns, name, "True", "SecretMissing");

    for (Secret secret : Examples.secrets()) {
      client
          .secrets()
          .inNamespace(ns)
          .withName(secret.getMetadata().getName())
          .edit(
              s ->
                  new SecretBuilder(s)
                      .editMetadata()
                      .addToLabels(LABEL, "true")
                      .endMetadata()
                      .build());
    }
    awaitDegraded(ns, name, "False", "AsExpected");
  }

  private void awaitDegraded(String ns, String name, String status, String reason) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> client.resources(AgentExecutor.class).inNamespace(ns).withName(name).get(),
            ae ->
                ae.getStatus() != null
                    && ae.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                "Degraded".equals(c.getType())
                                    && status.equals(c.getStatus())
                                    && reason.equals(c.getReason())));
  }
}
