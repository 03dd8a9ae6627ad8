package io.agentic.platform.executor.profile;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.config.ExecutorConfig.AgentProfileConfig;
import io.agentic.platform.executor.config.ExecutorConfig.MemoryDefaults;
import io.agentic.platform.executor.config.ExecutorConfig.Provider;
import io.agentic.platform.executor.config.LlmConfig;
import io.agentic.platform.executor.config.MemoryGatewayConfig;
import io.agentic.platform.executor.memory.SearchMethod;
import io.agentic.platform.executor.request.AgentRequest;
import io.agentic.platform.executor.request.MemoryOptions;
import io.agentic.platform.executor.request.ModelOptions;
import io.agentic.platform.executor.request.RejectedRequest;
import io.agentic.platform.executor.run.FailureReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Agent profiles from configuration ({@code executor.agents.<name>.*}). The profile named {@code
 * default} fills in what a named profile leaves out; a request for an agent without a profile is
 * rejected, and so is a request setting an option its profile does not list as overridable.
 */
@ApplicationScoped
public class AgentProfiles {

  public static final String DEFAULT = "default";
  private static final Set<String> DEFAULT_OVERRIDABLE = Set.of("temperature", "max-tokens");

  private final Map<String, AgentProfileConfig> profiles;
  private final String defaultModel;
  private final MemoryGatewayConfig memory;

  public AgentProfiles(ExecutorConfig config, LlmConfig llm, MemoryGatewayConfig memory) {
    this.profiles = config.agents();
    this.defaultModel = llm.defaultModel();
    this.memory = memory;
  }

  public ModelCall resolve(AgentRequest request) {
    Profile profile = profile(request);
    ModelOptions asked = request.model();
    profile.allow(asked.model(), "model", "model");
    profile.allow(asked.temperature(), "temperature", "temperature");
    profile.allow(asked.maxTokens(), "max-tokens", "max-tokens");
    return new ModelCall(
        profile.pick(AgentProfileConfig::provider).orElse(Provider.OPENAI),
        asked.model().or(() -> profile.pick(AgentProfileConfig::model)).orElse(defaultModel),
        profile.pick(AgentProfileConfig::systemPrompt),
        asked.temperature().or(() -> profile.pick(AgentProfileConfig::temperature)),
        asked.maxTokens().or(() -> profile.pick(AgentProfileConfig::maxTokens)));
  }

  /**
   * The run's memory plan. A request that turns memory on while this executor has no memory-gateway
   * is rejected; profile defaults are then ignored (as logged at start-up). Runs without a user id
   * neither retrieve nor store: the gateway keeps memories per user.
   */
  public MemoryPlan memory(AgentRequest request) {
    Profile profile = profile(request);
    MemoryOptions asked = request.memory();
    profile.allow(asked.retrieve(), "memory-retrieve", "memory.retrieve");
    profile.allow(asked.store(), "memory-store", "memory.store");
    profile.allow(asked.topK(), "memory-top-k", "memory.topK");
    profile.allow(asked.method(), "memory-method", "memory.method");
    if (!memory.enabled()) {
      if (asked.asksForMemory()) {
        throw new RejectedRequest(
            FailureReason.MEMORY_UNAVAILABLE,
            (asked.retrieve().orElse(false) ? "memory.retrieve" : "memory.store")
                + " asks for memory, but this executor has no memory-gateway"
                + " (MEMORY_GATEWAY_URL is not set)");
      }
      return MemoryPlan.off(memory.topK());
    }
    if (request.userId().isEmpty()) {
      return MemoryPlan.off(memory.topK());
    }
    return new MemoryPlan(
        asked.retrieve().or(() -> profile.memory(MemoryDefaults::retrieve)).orElse(false),
        asked.store().or(() -> profile.memory(MemoryDefaults::store)).orElse(false),
        asked.topK().or(() -> profile.memory(MemoryDefaults::topK)).orElse(memory.topK()),
        asked
            .method()
            .or(() -> profile.memory(MemoryDefaults::method))
            .orElse(SearchMethod.HYBRID));
  }

  private Profile profile(AgentRequest request) {
    AgentProfileConfig profile = profiles.get(request.agent());
    if (profile == null) {
      throw new RejectedRequest(
          FailureReason.UNKNOWN_AGENT, "no agent profile named " + request.agent());
    }
    return new Profile(request.agent(), profile, Optional.ofNullable(profiles.get(DEFAULT)));
  }

  /** A named profile with the default profile behind it. */
  private record Profile(
      String agent, AgentProfileConfig own, Optional<AgentProfileConfig> fallback) {

    <T> Optional<T> pick(Function<AgentProfileConfig, Optional<T>> field) {
      return field.apply(own).or(() -> fallback.flatMap(field));
    }

    <T> Optional<T> memory(Function<MemoryDefaults, Optional<T>> field) {
      return pick(profile -> field.apply(profile.memory()));
    }

    /** Rejects a request that sets {@code field} unless {@code option} is overridable. */
    void allow(Optional<?> asked, String option, String field) {
      Set<String> overridable = pick(AgentProfileConfig::overridable).orElse(DEFAULT_OVERRIDABLE);
      if (asked.isPresent() && !overridable.contains(option)) {
        throw new RejectedRequest(
            FailureReason.OPTION_NOT_ALLOWED,
            field.equals(option)
                ? "agent " + agent + " does not let requests set " + option
                : "agent "
                    + agent
                    + " does not let requests set "
                    + field
                    + " (overridable option "
                    + option
                    + ")");
      }
    }
  }
}
