package io.agentic.platform.executor.request;

import java.util.Optional;

/** Model parameters a request asks for; the agent profile decides which of them it may set. */
public record ModelOptions(
    Optional<String> model, Optional<Double> temperature, Optional<Integer> maxTokens) {

  public static final ModelOptions NONE =
      new ModelOptions(Optional.empty(), Optional.empty(), Optional.empty());
}
