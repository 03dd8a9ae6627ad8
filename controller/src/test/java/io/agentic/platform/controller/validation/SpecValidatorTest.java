package io.agentic.platform.controller.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.Examples;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.crd.v1alpha1.MemoryAccess;
import io.agentic.platform.controller.status.Problem;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

  private final AgentExecutorSpec spec = Examples.consumerExample().getSpec();

  @Test
  void theConsumerExampleIsValid() {
    assertEquals(List.of(), SpecValidator.validate(spec));
  }

  @Test
  void memoryWithoutATokenSecretIsNamed() {
    MemoryAccess memory = new MemoryAccess();
    memory.setEnabled(true);
    spec.setMemory(memory);
    assertOnlyContaining("spec.memory.tokenSecret is required when spec.memory.enabled is true");
    memory.setTokenSecret("Not_A_Name");
    assertOnlyContaining("spec.memory.tokenSecret");
    memory.setEnabled(false);
    assertEquals(List.of(), SpecValidator.validate(spec), "disabled memory needs no token");
  }

  @Test
  void minAboveMaxIsNamed() {
    spec.setMinReplicas(5);
    spec.setMaxReplicas(2);
    assertOnly("spec.minReplicas (5) must not exceed spec.maxReplicas (2)");
  }

  @Test
  void aClientUrlAsMonitoringEndpointIsRefused() {
    spec.setNatsMonitoringEndpoint("nats://nats.nats.svc:4222");
    assertOnlyContaining("spec.natsMonitoringEndpoint must be host:port");
  }

  @Test
  void requiredFieldsAreNamed() {
    spec.setImage(null);
    spec.setNatsStreamName(" ");
    List<String> messages = messages();
    assertTrue(messages.contains("spec.image is required"), messages.toString());
    assertTrue(messages.contains("spec.natsStreamName is required"), messages.toString());
  }

  @Test
  void streamNamesWithWildcardsAreRefused() {
    spec.setNatsConsumerGroup("workers.*");
    assertOnlyContaining("spec.natsConsumerGroup must not contain");
  }

  @Test
  void secretNamesMustBeKubernetesNames() {
    spec.setLlmKeysSecret("My_Keys");
    assertOnlyContaining("spec.llmKeysSecret must be a Secret name");
  }

  @Test
  void extraEnvMayNotOverrideManagedVariables() {
    spec.setEnv(List.of(new EnvVar("NATS_URL", "nats://elsewhere:4222", null)));
    assertOnly("spec.env[0].name NATS_URL is set by the controller and cannot be overridden");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nats://my-service:s3cret@nats.nats.svc:4222",
        "tls://s3cret@nats.nats.svc:4222",
        "nats://nats-0.nats:4222,nats://my-service:s3cret@nats-1.nats:4222",
        "nats://my-service:s3/cr,et@nats.nats.svc:4222"
      })
  void aNatsUrlWithCredentialsIsRefusedWithoutQuotingThem(String url) {
    spec.setNatsUrl(url);
    assertOnly(
        "spec.natsUrl must not carry credentials (user:password@ or token@ before the host): put"
            + " them in a Secret and name it in spec.natsCredentialsSecret");
  }

  @Test
  void aNatsUrlListWithoutCredentialsIsValid() {
    spec.setNatsUrl("nats://nats-0.nats:4222,tls://nats-1.nats:4222");
    spec.setNatsCredentialsSecret("my-service-nats");
    assertEquals(List.of(), SpecValidator.validate(spec));
  }

  @Test
  void natsCredentialsSecretMustBeAKubernetesName() {
    spec.setNatsCredentialsSecret("NATS creds");
    assertOnlyContaining("spec.natsCredentialsSecret must be a Secret name");
  }

  @Test
  void extraEnvMayNotSetTheCredentialsDirectory() {
    spec.setEnv(List.of(new EnvVar("NATS_CREDENTIALS_DIR", "/elsewhere", null)));
    assertOnly(
        "spec.env[0].name NATS_CREDENTIALS_DIR is set by the controller and cannot be overridden");
  }

  private void assertOnly(String message) {
    assertEquals(List.of(message), messages());
  }

  private void assertOnlyContaining(String fragment) {
    List<String> messages = messages();
    assertEquals(1, messages.size(), messages.toString());
    assertTrue(messages.get(0).startsWith(fragment), messages.get(0));
  }

  private List<String> messages() {
    List<Problem> problems = SpecValidator.validate(spec);
    problems.forEach(p -> assertEquals(SpecValidator.INVALID_SPEC, p.reason()));
    return problems.stream().map(Problem::message).toList();
  }
}
