package io.agentic.platform.executor.config;

import io.agentic.platform.executor.memory.SearchMethod;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How requests are executed; every key is documented in the module README. */
@ConfigMapping(prefix = "executor")
public interface ExecutorConfig {

  /**
   * {@code EXECUTOR_MODE}: {@code serve} consumes requests; {@code migrate} applies the schema
   * migrations and exits (what the {@code run-migrations} init container runs); {@code run}
   * executes the one request of {@link #runFile()} and exits (what an AgentRun's Job runs).
   */
  @WithDefault("serve")
  Mode mode();

  /**
   * {@code EXECUTOR_RUN_FILE}: the request run mode executes when the command line names none; the
   * AgentRun's ConfigMap is mounted there.
   */
  @WithDefault("/etc/agentic/run/run.json")
  Path runFile();

  /**
   * {@code EXECUTOR_TERMINATION_LOG}: where run mode writes its result for the container's status
   * (the pod's {@code terminationMessagePath}); skipped when its directory does not exist.
   */
  @WithDefault("/dev/termination-log")
  Path terminationLog();

  /** {@code EXECUTOR_CONCURRENCY}: runs executed at once by this replica. */
  @WithDefault("8")
  int concurrency();

  /**
   * {@code EXECUTOR_MAX_DELIVERIES}: deliveries of a message that keeps failing unexpectedly (or
   * whose executor keeps dying) before it is dead-lettered; also the consumer's delivery limit.
   * Outages of dependencies do not count: their runs keep the message and wait.
   */
  @WithDefault("5")
  int maxDeliveries();

  /** {@code EXECUTOR_REDELIVERY_BACKOFF_INITIAL}: nak delay after the first unexpected failure. */
  @WithDefault("1s")
  Duration redeliveryBackoffInitial();

  /** {@code EXECUTOR_REDELIVERY_BACKOFF_MAX}: upper bound of the doubling nak delay. */
  @WithDefault("60s")
  Duration redeliveryBackoffMax();

  /**
   * {@code EXECUTOR_RUN_LEASE}: how long a claim holds its run without renewal. It is renewed every
   * third of it while the run is alive, so a run whose replica died is taken over by a redelivery
   * after at most this long.
   */
  @WithDefault("30s")
  Duration runLease();

  /**
   * {@code EXECUTOR_REQUESTS_PREFIX}: requests of tenant {@code T} arrive on {@code <prefix>.T}; a
   * request whose body names another tenant than its subject is dead-lettered.
   */
  @WithDefault("agent.requests")
  String requestsPrefix();

  /**
   * {@code EXECUTOR_RESULTS_PREFIX}: results of tenant {@code T} go to {@code <prefix>.T}, and a
   * request's {@code replyTo} must be that subject or below it.
   */
  @WithDefault("agent.results")
  String resultsPrefix();

  /**
   * {@code EXECUTOR_DEAD_LETTER_PREFIX}: dead letters of tenant {@code T} go to {@code <prefix>.T};
   * those of messages on a subject that names no tenant to {@code <prefix>._unknown}.
   */
  @WithDefault("agent.dead-letter")
  String deadLetterPrefix();

  /**
   * {@code EXECUTOR_TENANTS}: the tenants this executor serves (comma-separated); requests of any
   * other tenant are dead-lettered {@code tenant_not_served}. Unset: every tenant.
   */
  Optional<Set<String>> tenants();

  /** {@code EXECUTOR_MAX_REQUEST_BYTES}: larger request messages are dead-lettered unread. */
  @WithDefault("262144")
  int maxRequestBytes();

  /** {@code EXECUTOR_DRAIN_TIMEOUT}: on shutdown, how long in-flight runs may finish. */
  @WithDefault("20s")
  Duration drainTimeout();

  /** {@code EXECUTOR_LAG_CACHE}: how long a queue-lag reading is reused. */
  @WithDefault("2s")
  Duration lagCache();

  /**
   * Agent profiles by agent name ({@code executor.agents.<name>.*}); the profile {@code default}
   * supplies what a named profile leaves out. Mount more from a ConfigMap (see the README).
   */
  Map<String, AgentProfileConfig> agents();

  enum Mode {
    SERVE,
    MIGRATE,
    RUN
  }

  interface AgentProfileConfig {

    /** openai (OpenAI-compatible chat completions) or anthropic (Messages API). */
    Optional<Provider> provider();

    Optional<String> model();

    Optional<String> systemPrompt();

    Optional<Double> temperature();

    Optional<Integer> maxTokens();

    /**
     * Options a request may override: any of model, temperature, max-tokens, memory-retrieve,
     * memory-store, memory-top-k, memory-method.
     */
    Optional<Set<String>> overridable();

    /** Memory settings of the agent's runs ({@code executor.agents.<name>.memory.*}). */
    MemoryDefaults memory();
  }

  /** What an agent's runs do with the memory-gateway unless a request (where allowed) says. */
  interface MemoryDefaults {

    /** Search memories before the LLM call and add them to the prompt; default false. */
    Optional<Boolean> retrieve();

    /** Store each run's turn (user input and answer) in memory; default false. */
    Optional<Boolean> store();

    /** Memories retrieved per run, 1 to 50; default {@code MEMORY_GATEWAY_TOP_K}. */
    Optional<Integer> topK();

    /** keyword, vector, hybrid or agentic; default hybrid. */
    Optional<SearchMethod> method();
  }

  enum Provider {
    OPENAI,
    ANTHROPIC
  }
}
