package io.agentic.platform.executor.config;

import io.agentic.platform.executor.config.ExecutorConfig.AgentProfileConfig;
import io.agentic.platform.executor.config.ExecutorConfig.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Checks what the configuration mappings cannot: values one mode needs and another does not, and
 * values that parse but make no sense. A failure stops start-up with every problem named by its
 * environment variable.
 */
@ApplicationScoped
public class StartupCheck {

  private static final Pattern SUBJECT = Pattern.compile("[^.\\s*>]+(\\.[^.\\s*>]+)*");
  private static final Pattern SUBJECT_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:@-]{0,127}");

  private static final Logger LOG = Logger.getLogger(StartupCheck.class);
  private static final Set<String> OVERRIDABLE =
      Set.of(
          "model",
          "temperature",
          "max-tokens",
          "memory-retrieve",
          "memory-store",
          "memory-top-k",
          "memory-method");

  private final NatsConfig nats;
  private final DragonflyConfig dragonfly;
  private final LlmConfig llm;
  private final OpenAiConfig openAi;
  private final AnthropicConfig anthropic;
  private final ExecutorConfig executor;
  private final MemoryGatewayConfig memory;
  private final PostgresConfig postgres;

  StartupCheck(
      NatsConfig nats,
      DragonflyConfig dragonfly,
      LlmConfig llm,
      OpenAiConfig openAi,
      AnthropicConfig anthropic,
      ExecutorConfig executor,
      MemoryGatewayConfig memory,
      PostgresConfig postgres) {
    this.nats = nats;
    this.postgres = postgres;
    this.dragonfly = dragonfly;
    this.llm = llm;
    this.openAi = openAi;
    this.anthropic = anthropic;
    this.executor = executor;
    this.memory = memory;
  }

  public void verifyServeConfiguration() {
    List<String> problems = new ArrayList<>();
    required(problems, "NATS_URL", "nats.url", nats.url());
    nats.url()
        .ifPresent(
            urls -> {
              for (String url : urls.split(",")) {
                String u = url.trim();
                if (!(u.startsWith("nats://") || u.startsWith("tls://"))) {
                  problems.add("NATS_URL (nats.url) must list nats:// or tls:// URLs");
                } else if (u.substring(u.indexOf("//") + 2).contains("@")) {
                  // Said without the URL: it holds a secret.
                  problems.add(
                      "NATS_URL (nats.url) carries credentials; give them as files instead"
                          + " (NATS_CREDENTIALS_DIR or NATS_CREDS_FILE, see the README)");
                }
              }
            });
    required(problems, "NATS_STREAM_NAME", "nats.stream-name", nats.streamName());
    required(problems, "NATS_CONSUMER_GROUP", "nats.consumer-group", nats.consumerGroup());
    required(problems, "DRAGONFLY_HOST", "dragonfly.host", dragonfly.host());
    required(problems, "DRAGONFLY_PORT", "dragonfly.port", dragonfly.port());
    dragonflyPort(problems);
    postgres(problems);
    positive(problems, "EXECUTOR_CONCURRENCY", "executor.concurrency", executor.concurrency());
    subjects(problems);
    runs(problems);
    fail(problems);
    announceMemory();
  }

  /**
   * Run mode executes one request: it needs what a run needs (LLM, profiles, memory-gateway when
   * set), but no NATS, and PostgreSQL and Dragonfly/Redis only when they are configured at all.
   */
  public void verifyRunConfiguration() {
    List<String> problems = new ArrayList<>();
    if (postgres.configured()) {
      postgres(problems);
    }
    dragonflyPort(problems);
    runs(problems);
    fail(problems);
    announceMemory();
  }

  /** Migrate mode needs the database and nothing else. */
  public void verifyMigrateConfiguration() {
    List<String> problems = new ArrayList<>();
    postgres(problems);
    fail(problems);
  }

  private static void fail(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
    }
  }

  /** What executing a run needs, whichever way the request arrived. */
  private void runs(List<String> problems) {
    positive(
        problems, "EXECUTOR_MAX_DELIVERIES", "executor.max-deliveries", executor.maxDeliveries());
    positive(problems, "LLM_OUTAGE_WINDOW", "llm.outage-window", llm.outageWindow().toMillis());
    url(problems, "LLM_BASE_URL", "llm.base-url", llm.baseUrl());
    url(problems, "OPENAI_BASE_URL", "openai.base-url", openAi.baseUrl());
    url(problems, "ANTHROPIC_BASE_URL", "anthropic.base-url", anthropic.baseUrl());
    memory(problems);
    profiles(problems);
  }

  private void postgres(List<String> problems) {
    required(problems, "POSTGRES_HOST", "postgres.host", postgres.host());
    required(problems, "POSTGRES_PORT", "postgres.port", postgres.port());
    required(problems, "POSTGRES_DB", "postgres.db", postgres.db());
    required(problems, "POSTGRES_USER", "postgres.user", postgres.user());
    required(problems, "POSTGRES_PASSWORD", "postgres.password", postgres.password());
    postgres
        .port()
        .filter(p -> p < 1 || p > 65535)
        .ifPresent(p -> problems.add("POSTGRES_PORT (postgres.port) must be 1-65535, got " + p));
  }

  private void dragonflyPort(List<String> problems) {
    dragonfly
        .port()
        .filter(p -> p < 1 || p > 65535)
        .ifPresent(p -> problems.add("DRAGONFLY_PORT (dragonfly.port) must be 1-65535, got " + p));
  }

  private void subjects(List<String> problems) {
    subjectPrefix(problems, "EXECUTOR_REQUESTS_PREFIX", executor.requestsPrefix());
    subjectPrefix(problems, "EXECUTOR_RESULTS_PREFIX", executor.resultsPrefix());
    subjectPrefix(problems, "EXECUTOR_DEAD_LETTER_PREFIX", executor.deadLetterPrefix());
    executor
        .tenants()
        .ifPresent(
            tenants ->
                tenants.stream()
                    .filter(t -> !SUBJECT_TOKEN.matcher(t).matches())
                    .forEach(
                        t ->
                            problems.add(
                                "EXECUTOR_TENANTS (executor.tenants) holds '"
                                    + t
                                    + "', which is not a tenant id (letters, digits, _ : @ -)")));
  }

  private static void subjectPrefix(List<String> problems, String env, String value) {
    if (!SUBJECT.matcher(value).matches()) {
      problems.add(env + " must be a NATS subject without wildcards, got '" + value + "'");
    }
  }

  private void memory(List<String> problems) {
    url(
        problems,
        "MEMORY_GATEWAY_URL",
        "memory-gateway.url",
        memory.url().filter(u -> !u.isBlank()));
    if (memory.token().isPresent() && memory.tokenFile().isPresent()) {
      problems.add(
          "MEMORY_GATEWAY_TOKEN (memory-gateway.token) and MEMORY_GATEWAY_TOKEN_FILE"
              + " (memory-gateway.token-file) are both set; set one");
    }
    memory
        .tokenFile()
        .filter(file -> !Files.isReadable(file))
        .ifPresent(
            file ->
                problems.add(
                    "MEMORY_GATEWAY_TOKEN_FILE (memory-gateway.token-file) cannot be read: "
                        + file));
    topK(problems, "MEMORY_GATEWAY_TOP_K (memory-gateway.top-k)", memory.topK());
    positive(
        problems,
        "MEMORY_GATEWAY_SEARCH_TIMEOUT",
        "memory-gateway.search-timeout",
        memory.searchTimeout().toMillis());
    positive(
        problems,
        "MEMORY_GATEWAY_STORE_TIMEOUT",
        "memory-gateway.store-timeout",
        memory.storeTimeout().toMillis());
    positive(
        problems,
        "MEMORY_GATEWAY_MAX_QUERY_CHARS",
        "memory-gateway.max-query-chars",
        memory.maxQueryChars());
    positive(
        problems,
        "MEMORY_GATEWAY_MAX_PROMPT_CHARS",
        "memory-gateway.max-prompt-chars",
        memory.maxPromptChars());
  }

  /** Says where memory goes, or which profile defaults an executor without a gateway ignores. */
  private void announceMemory() {
    if (memory.enabled()) {
      // Where the token comes from, never the token.
      String token =
          memory
              .tokenFile()
              .map(file -> "a bearer token from " + file)
              .or(() -> memory.token().map(t -> "the bearer token of MEMORY_GATEWAY_TOKEN"))
              .orElse("no bearer token (only a gateway in development mode accepts that)");
      LOG.infof("memory-gateway at %s, with %s", memory.url().orElseThrow(), token);
      return;
    }
    List<String> ignored =
        executor.agents().entrySet().stream()
            .filter(
                agent ->
                    agent.getValue().memory().retrieve().orElse(false)
                        || agent.getValue().memory().store().orElse(false))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (!ignored.isEmpty()) {
      LOG.warnf(
          "MEMORY_GATEWAY_URL is not set, so memory is off: the memory defaults of agent profiles"
              + " %s are ignored, and requests asking for memory are dead-lettered",
          String.join(", ", ignored));
    }
  }

  private void profiles(List<String> problems) {
    Map<String, AgentProfileConfig> agents = executor.agents();
    if (agents.isEmpty()) {
      problems.add("no agent profile configured (executor.agents.<name>.*)");
    }
    Optional<AgentProfileConfig> fallback = Optional.ofNullable(agents.get("default"));
    agents.forEach(
        (name, profile) -> {
          profile
              .memory()
              .topK()
              .ifPresent(k -> topK(problems, "executor.agents." + name + ".memory.top-k", k));
          profile
              .overridable()
              .ifPresent(
                  options ->
                      options.stream()
                          .filter(o -> !OVERRIDABLE.contains(o))
                          .forEach(
                              o ->
                                  problems.add(
                                      "executor.agents."
                                          + name
                                          + ".overridable names "
                                          + o
                                          + "; allowed: model, temperature, max-tokens,"
                                          + " memory-retrieve, memory-store, memory-top-k,"
                                          + " memory-method")));
          Provider provider =
              profile
                  .provider()
                  .or(() -> fallback.flatMap(AgentProfileConfig::provider))
                  .orElse(Provider.OPENAI);
          // The public APIs need a key; a gateway (LLM_BASE_URL) may authenticate differently.
          if (provider == Provider.OPENAI
              && openAi.apiKey().isEmpty()
              && openAi.baseUrl().or(llm::baseUrl).isEmpty()) {
            problems.add(
                "OPENAI_API_KEY (openai.api-key) is required: agent "
                    + name
                    + " calls the public OpenAI API");
          }
          if (provider == Provider.ANTHROPIC
              && anthropic.apiKey().isEmpty()
              && anthropic.baseUrl().or(llm::baseUrl).isEmpty()) {
            problems.add(
                "ANTHROPIC_API_KEY (anthropic.api-key) is required: agent "
                    + name
                    + " calls the public Anthropic API");
          }
        });
  }

  private static void required(List<String> problems, String env, String key, Optional<?> value) {
    if (value.isEmpty() || value.get().toString().isBlank()) {
      problems.add(env + " (" + key + ") is required");
    }
  }

  private static void topK(List<String> problems, String name, int value) {
    if (value < 1 || value > MemoryGatewayConfig.MAX_TOP_K) {
      problems.add(name + " must be 1-" + MemoryGatewayConfig.MAX_TOP_K + ", got " + value);
    }
  }

  private static void positive(List<String> problems, String env, String key, long value) {
    if (value < 1) {
      problems.add(env + " (" + key + ") must be at least 1, got " + value);
    }
  }

  private static void url(List<String> problems, String env, String key, Optional<String> value) {
    value.ifPresent(
        v -> {
          try {
            URI uri = URI.create(v);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
              problems.add(env + " (" + key + ") must be an http(s) URL, got " + v);
            }
          } catch (IllegalArgumentException e) {
            problems.add(env + " (" + key + ") must be an http(s) URL, got " + v);
          }
        });
  }
}
