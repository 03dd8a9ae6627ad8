package io.agentic.platform.controller.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.controller.Examples;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controller's cache keeps keys and digests of Secrets, never their values. */
class ValueDigestsTest {

  private static final String PASSWORD = "s3cr3t-password";

  @Test
  void noValueSurvivesNotEvenInTheLastAppliedAnnotation() {
    Secret secret = secret(PASSWORD);
    String cached = Serialization.asJson(ValueDigests.secret(secret));
    assertFalse(cached.contains(b64(PASSWORD)), cached);
    assertFalse(cached.contains(PASSWORD), cached);
    Secret pruned = ValueDigests.secret(secret);
    assertTrue(pruned.getData().containsKey("POSTGRES_PASSWORD"), "keys stay, for presence checks");
    assertTrue(
        pruned.getMetadata().getAnnotations() == null
            || pruned.getMetadata().getAnnotations().isEmpty());
    assertEquals("postgres-connection", pruned.getMetadata().getName());
    assertEquals("my-namespace", pruned.getMetadata().getNamespace());
    assertEquals("42", pruned.getMetadata().getResourceVersion());
  }

  @Test
  void aChangedValueStillChangesThePodTemplateDigest() {
    var spec = Examples.consumerExample().getSpec();
    spec.setPostgresConnectionSecret("postgres-connection");
    String before =
        SecretCheck.of(
                "my-namespace",
                spec,
                Map.of("postgres-connection", ValueDigests.secret(secret(PASSWORD))))
            .digest();
    String after =
        SecretCheck.of(
                "my-namespace",
                spec,
                Map.of("postgres-connection", ValueDigests.secret(secret("rotated"))))
            .digest();
    assertNotEquals(before, after);
  }

  private static Secret secret(String password) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("postgres-connection")
        .withNamespace("my-namespace")
        .withResourceVersion("42")
        .addToAnnotations(
            "kubectl.kubernetes.io/last-applied-configuration",
            "{\"stringData\":{\"POSTGRES_PASSWORD\":\"" + password + "\"}}")
        .endMetadata()
        .addToData("POSTGRES_PASSWORD", b64(password))
        .addToData("POSTGRES_HOST", b64("postgres"))
        .build();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
