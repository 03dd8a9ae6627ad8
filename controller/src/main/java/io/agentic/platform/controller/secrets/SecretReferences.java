package io.agentic.platform.controller.secrets;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Secret keys an AgentExecutor's worker reads, with the key names of the platform API. The LLM
 * keys are optional one by one (a tenant may use a single provider); the Secret must still hold at
 * least one of them, which {@link SecretCheck} reports.
 */
public final class SecretReferences {

  public static final List<String> POSTGRES_KEYS =
      List.of(
          "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD");
  public static final List<String> LLM_KEYS = List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY");

  /** The worker's bearer token for the memory-gateway, from {@code spec.memory.tokenSecret}. */
  public static final String MEMORY_GATEWAY_TOKEN = "MEMORY_GATEWAY_TOKEN";

  private SecretReferences() {}

  /** Every reference, in the order of the worker's environment. */
  public static List<SecretKeyReference> of(AgentExecutorSpec spec) {
    List<SecretKeyReference> refs = new ArrayList<>(postgres(spec));
    String dragonfly = spec.getDragonflyConnectionSecret();
    refs.add(new SecretKeyReference("DRAGONFLY_HOST", dragonfly, "DRAGONFLY_HOST", false));
    refs.add(new SecretKeyReference("DRAGONFLY_PORT", dragonfly, "DRAGONFLY_PORT", false));
    // Dragonfly and Redis commonly run without a password inside the cluster.
    refs.add(new SecretKeyReference("DRAGONFLY_PASSWORD", dragonfly, "DRAGONFLY_PASSWORD", true));
    for (String key : LLM_KEYS) {
      refs.add(new SecretKeyReference(key, spec.getLlmKeysSecret(), key, true));
    }
    memoryToken(spec).ifPresent(refs::add);
    return refs;
  }

  /** What the run-migrations init container needs: the database, nothing else. */
  public static List<SecretKeyReference> postgres(AgentExecutorSpec spec) {
    List<SecretKeyReference> refs = new ArrayList<>();
    for (String key : POSTGRES_KEYS) {
      refs.add(new SecretKeyReference(key, spec.getPostgresConnectionSecret(), key, false));
    }
    return refs;
  }

  /**
   * The Secret mounted as the worker's NATS credentials directory, if any. Its keys are the
   * worker's to pick (any subset of the NATS credential kinds), so only its existence is checked.
   */
  public static Optional<String> natsCredentials(AgentExecutorSpec spec) {
    return Optional.ofNullable(spec.getNatsCredentialsSecret()).filter(n -> !n.isBlank());
  }

  /** Whether the AgentExecutor asks for the platform's memory-gateway. */
  public static boolean memoryEnabled(AgentExecutorSpec spec) {
    return spec.getMemory() != null && spec.getMemory().isEnabled();
  }

  private static Optional<SecretKeyReference> memoryToken(AgentExecutorSpec spec) {
    if (!memoryEnabled(spec)
        || spec.getMemory().getTokenSecret() == null
        || spec.getMemory().getTokenSecret().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new SecretKeyReference(
            MEMORY_GATEWAY_TOKEN,
            spec.getMemory().getTokenSecret(),
            spec.getMemory().getTokenKey(),
            false));
  }

  /** Names of the referenced Secrets, without duplicates, in first-use order. */
  public static Set<String> secretNames(AgentExecutorSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    names.add(spec.getPostgresConnectionSecret());
    names.add(spec.getDragonflyConnectionSecret());
    names.add(spec.getLlmKeysSecret());
    natsCredentials(spec).ifPresent(names::add);
    memoryToken(spec).ifPresent(ref -> names.add(ref.secretName()));
    return names;
  }
}
