package io.agentic.platform.controller.secrets;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.status.Problem;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The referenced Secrets as found in the cluster: what is missing, and a digest of exactly the
 * referenced keys. The digest goes into the pod template, so a changed, created or deleted key
 * rolls the pods while unrelated keys of the same Secret do not. The NATS credentials Secret is
 * mounted, not read into the environment: the kubelet updates its files in place and waits for it
 * to exist, so it takes no part in the digest and only its existence is checked.
 */
public record SecretCheck(List<Problem> problems, String digest) {

  public static final String SECRET_MISSING = "SecretMissing";
  public static final String SECRET_KEY_MISSING = "SecretKeyMissing";

  /**
   * @param secretsByName the referenced Secrets that exist, by name
   */
  public static SecretCheck of(
      String namespace, AgentExecutorSpec spec, Map<String, Secret> secretsByName) {
    List<SecretKeyReference> refs = SecretReferences.of(spec);
    Map<String, List<String>> requiredKeysBySecret = new LinkedHashMap<>();
    for (SecretKeyReference ref : refs) {
      List<String> keys =
          requiredKeysBySecret.computeIfAbsent(ref.secretName(), n -> new ArrayList<>());
      if (!ref.optional()) {
        keys.add(ref.key());
      }
    }
    List<Problem> problems = new ArrayList<>();
    requiredKeysBySecret.forEach(
        (name, keys) -> {
          Secret secret = secretsByName.get(name);
          if (secret == null) {
            problems.add(
                new Problem(
                    SECRET_MISSING,
                    "Secret "
                        + name
                        + " not found in namespace "
                        + namespace
                        + (keys.isEmpty() ? "" : " (needs keys " + String.join(", ", keys) + ")")));
            return;
          }
          List<String> absent = keys.stream().filter(k -> value(secret, k).isEmpty()).toList();
          if (!absent.isEmpty()) {
            problems.add(
                new Problem(
                    SECRET_KEY_MISSING,
                    "Secret " + name + " lacks key(s) " + String.join(", ", absent)));
          }
        });
    SecretReferences.natsCredentials(spec)
        .filter(name -> !secretsByName.containsKey(name) && !requiredKeysBySecret.containsKey(name))
        .ifPresent(
            name ->
                problems.add(
                    new Problem(
                        SECRET_MISSING,
                        "Secret "
                            + name
                            + " not found in namespace "
                            + namespace
                            + " (spec.natsCredentialsSecret: the worker's NATS credentials)")));
    Secret llm = secretsByName.get(spec.getLlmKeysSecret());
    if (llm != null && SecretReferences.LLM_KEYS.stream().allMatch(k -> value(llm, k).isEmpty())) {
      problems.add(
          new Problem(
              SECRET_KEY_MISSING,
              "Secret "
                  + spec.getLlmKeysSecret()
                  + " has neither "
                  + String.join(" nor ", SecretReferences.LLM_KEYS)));
    }
    return new SecretCheck(List.copyOf(problems), digest(refs, secretsByName));
  }

  private static Optional<String> value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return Optional.ofNullable(secret.getData().get(key));
    }
    // stringData only appears on objects not yet read back from the API server (tests, dry runs).
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return Optional.ofNullable(secret.getStringData().get(key));
    }
    return Optional.empty();
  }

  private static String digest(List<SecretKeyReference> refs, Map<String, Secret> secretsByName) {
    Map<String, String> entries = new TreeMap<>();
    for (SecretKeyReference ref : refs) {
      Secret secret = secretsByName.get(ref.secretName());
      String value =
          secret == null
              ? "<no secret>"
              : value(secret, ref.key()).map(v -> "=" + v).orElse("<no key>");
      entries.put(ref.secretName() + "/" + ref.key(), value);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      entries.forEach(
          (k, v) -> {
            sha.update(k.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(v.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
          });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
