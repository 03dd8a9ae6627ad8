package io.agentic.platform.executor.profile;

import io.agentic.platform.executor.config.ExecutorConfig.Provider;
import java.util.Optional;

/** The provider, model and parameters one run uses: its agent profile plus allowed overrides. */
public record ModelCall(
    Provider provider,
    String model,
    Optional<String> systemPrompt,
    Optional<Double> temperature,
    Optional<Integer> maxTokens) {}
