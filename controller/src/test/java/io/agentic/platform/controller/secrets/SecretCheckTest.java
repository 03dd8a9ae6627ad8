package io.agentic.platform.controller.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.status.Problem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecretCheckTest {

  private final AgentExecutorSpec spec = Examples.consumerExample().getSpec();
  private final Map<String, Secret> secrets =
      new HashMap<>(
          Examples.secrets().stream()
              .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s)));

  @Test
  void theExampleSecretsSatisfyTheExample() {
    assertEquals(List.of(), check().problems());
  }

  @Test
  void aMissingSecretIsNamedWithTheKeysItMustHold() {
    secrets.remove("my-postgres-secret");
    assertEquals(
        List.of(
            new Problem(
                "SecretMissing",
                "Secret my-postgres-secret not found in namespace my-namespace (needs keys"
                    + " POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER,"
                    + " POSTGRES_PASSWORD)")),
        check().problems());
  }

  @Test
  void aMissingKeyIsNamed() {
    secrets.get("my-dragonfly-secret").getStringData().remove("DRAGONFLY_PORT");
    secrets.get("my-dragonfly-secret").getStringData().remove("DRAGONFLY_PASSWORD");
    assertEquals(
        List.of(
            new Problem(
                "SecretKeyMissing", "Secret my-dragonfly-secret lacks key(s) DRAGONFLY_PORT")),
        check().problems());
  }

  @Test
  void anLlmSecretWithoutAnyKeyIsReported() {
    secrets.get("my-llm-keys").getStringData().clear();
    assertEquals(
        List.of(
            new Problem(
                "SecretKeyMissing",
                "Secret my-llm-keys has neither OPENAI_API_KEY nor ANTHROPIC_API_KEY")),
        check().problems());
  }

  @Test
  void aMissingNatsCredentialsSecretIsNamed() {
    spec.setNatsCredentialsSecret("my-service-nats");
    assertEquals(
        List.of(
            new Problem(
                "SecretMissing",
                "Secret my-service-nats not found in namespace my-namespace"
                    + " (spec.natsCredentialsSecret: the worker's NATS credentials)")),
        check().problems());
  }

  @Test
  void aNatsCredentialsSecretOnlyHasToExist() {
    spec.setNatsCredentialsSecret("my-service-nats");
    secrets.put(
        "my-service-nats",
        new SecretBuilder().withNewMetadata().withName("my-service-nats").endMetadata().build());
    assertEquals(List.of(), check().problems());
  }

  @Test
  void theNatsCredentialsSecretIsWatched() {
    spec.setNatsCredentialsSecret("my-service-nats");
    assertEquals(
        List.of("my-postgres-secret", "my-dragonfly-secret", "my-llm-keys", "my-service-nats"),
        List.copyOf(SecretReferences.secretNames(spec)));
  }

  private SecretCheck check() {
    return SecretCheck.of("my-namespace", spec, secrets);
  }
}
