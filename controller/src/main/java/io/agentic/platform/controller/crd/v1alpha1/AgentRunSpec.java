package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What to run, with what, and how long its traces may stay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentRunSpec {

  @Required
  @JsonPropertyDescription("How the run is executed")
  private Runtime runtime = new Runtime();

  @Required
  @Pattern(ID) @JsonPropertyDescription("Agent profile to run (executor.agents.<name> of the image)")
  private String agent;

  @JsonPropertyDescription(
      "The request: messages, sessionId, userId, model and memory options (docs/agent-requests.md)")
  private Input input = new Input();

  @JsonPropertyDescription(
      "Free-form values: {{parameters.<key>}} in messages is replaced by them, and the runner gets"
          + " them as parameters.json next to run.json")
  private Map<String, String> parameters = new LinkedHashMap<>();

  @JsonPropertyDescription("The runner's image, size, environment and scheduling")
  private Workload workload = new Workload();

  @Pattern(AgentExecutorSpec.OBJECT_NAME) @JsonPropertyDescription(
      "Secret with the LLM keys (OPENAI_API_KEY, ANTHROPIC_API_KEY; each optional)")
  private String llmKeysSecret = "llm-keys";

  @Pattern(AgentExecutorSpec.OBJECT_NAME) @JsonPropertyDescription(
      "Secret with POSTGRES_HOST, _PORT, _DB, _USER, _PASSWORD: the run is recorded and a restarted"
          + " pod does not call the LLM again; none: no record is kept")
  private String postgresConnectionSecret;

  @Min(1) @JsonPropertyDescription("Seconds a Job (each step attempt) may run before it is stopped")
  private Long activeDeadlineSeconds;

  @Min(0) @Max(604800) @JsonPropertyDescription(
      "Seconds the finished Jobs are kept after the run's status recorded them (clamped to 30 s -"
          + " 7 d); default: the controller's")
  private Integer ttlSecondsAfterFinished;

  @JsonPropertyDescription("The steps of a workflow run, in order")
  private Workflow workflow;

  /** Ids of the request schema: letters, digits and . _ : @ -, from a letter or digit. */
  static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$";

  public Runtime getRuntime() {
    return runtime;
  }

  public void setRuntime(Runtime runtime) {
    this.runtime = runtime;
  }

  public String getAgent() {
    return agent;
  }

  public void setAgent(String agent) {
    this.agent = agent;
  }

  public Input getInput() {
    return input;
  }

  public void setInput(Input input) {
    this.input = input == null ? new Input() : input;
  }

  public Map<String, String> getParameters() {
    return parameters;
  }

  public void setParameters(Map<String, String> parameters) {
    this.parameters = parameters == null ? new LinkedHashMap<>() : parameters;
  }

  public Workload getWorkload() {
    return workload;
  }

  public void setWorkload(Workload workload) {
    this.workload = workload == null ? new Workload() : workload;
  }

  public String getLlmKeysSecret() {
    return llmKeysSecret;
  }

  public void setLlmKeysSecret(String llmKeysSecret) {
    this.llmKeysSecret = llmKeysSecret;
  }

  public String getPostgresConnectionSecret() {
    return postgresConnectionSecret;
  }

  public void setPostgresConnectionSecret(String postgresConnectionSecret) {
    this.postgresConnectionSecret = postgresConnectionSecret;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Integer getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }

  public Workflow getWorkflow() {
    return workflow;
  }

  public void setWorkflow(Workflow workflow) {
    this.workflow = workflow;
  }

  /** {@code job}, {@code workflow}; the others of the platform document are refused politely. */
  public static class Runtime {
    public enum Type {
      @JsonProperty("job")
      JOB,
      @JsonProperty("workflow")
      WORKFLOW,
      @JsonProperty("temporal")
      TEMPORAL,
      @JsonProperty("custom")
      CUSTOM
    }

    @Required
    @JsonPropertyDescription(
        "job (one Job) or workflow (spec.workflow.steps, one Job per step attempt); temporal and"
            + " custom are not supported by this controller")
    private Type type = Type.JOB;

    public Type getType() {
      return type;
    }

    public void setType(Type type) {
      this.type = type;
    }
  }

  /** The request fields of docs/agent-requests.md that a run sets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Input {
    @JsonPropertyDescription(
        "1 to 200 messages; {{parameters.<key>}} and {{steps.<name>.output}} are replaced")
    private List<Message> messages = new ArrayList<>();

    @Pattern(ID) @JsonPropertyDescription("Conversation id: its recent turns are sent along")
    private String sessionId;

    @Pattern(ID) @JsonPropertyDescription("End user; owner of long-term memories")
    private String userId;

    @JsonPropertyDescription("model, temperature, maxTokens (as the agent profile allows)")
    private Map<String, Object> model;

    @JsonPropertyDescription("retrieve, store, topK, method (as the agent profile allows)")
    private Map<String, Object> memory;

    public List<Message> getMessages() {
      return messages;
    }

    public void setMessages(List<Message> messages) {
      this.messages = messages == null ? new ArrayList<>() : messages;
    }

    public String getSessionId() {
      return sessionId;
    }

    public void setSessionId(String sessionId) {
      this.sessionId = sessionId;
    }

    public String getUserId() {
      return userId;
    }

    public void setUserId(String userId) {
      this.userId = userId;
    }

    public Map<String, Object> getModel() {
      return model;
    }

    public void setModel(Map<String, Object> model) {
      this.model = model;
    }

    public Map<String, Object> getMemory() {
      return memory;
    }

    public void setMemory(Map<String, Object> memory) {
      this.memory = memory;
    }
  }

  public static class Message {
    @Required
    @Pattern("^(system|user|assistant)$") private String role;

    @Required private String content;

    public Message() {}

    public Message(String role, String content) {
      this.role = role;
      this.content = content;
    }

    public String getRole() {
      return role;
    }

    public void setRole(String role) {
      this.role = role;
    }

    public String getContent() {
      return content;
    }

    public void setContent(String content) {
      this.content = content;
    }
  }

  /** The runner's pod; a step's workload overrides the run's field by field. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Workload {
    @Pattern("^\\S+$") @JsonPropertyDescription(
        "Runner image; default: the controller's runner image, else the release's agent-executor")
    private String image;

    @JsonPropertyDescription("small, medium or large (the AgentExecutor size table); default small")
    private ExecutorSize size;

    @JsonPropertyDescription(
        "Extra environment of the runner; names the controller sets are refused")
    private List<EnvVar> env;

    @JsonPropertyDescription("Requests and limits, instead of the size's")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Node selector, tolerations, affinity, priority class")
    private Scheduling scheduling;

    public String getImage() {
      return image;
    }

    public void setImage(String image) {
      this.image = image;
    }

    public ExecutorSize getSize() {
      return size;
    }

    public void setSize(ExecutorSize size) {
      this.size = size;
    }

    public List<EnvVar> getEnv() {
      return env;
    }

    public void setEnv(List<EnvVar> env) {
      this.env = env;
    }

    public ResourceRequirements getResources() {
      return resources;
    }

    public void setResources(ResourceRequirements resources) {
      this.resources = resources;
    }

    public Scheduling getScheduling() {
      return scheduling;
    }

    public void setScheduling(Scheduling scheduling) {
      this.scheduling = scheduling;
    }

    /** This workload with each unset field taken from {@code base}. */
    public Workload over(Workload base) {
      Workload merged = new Workload();
      merged.image = image != null ? image : base.image;
      merged.size = size != null ? size : base.size;
      merged.env = env != null ? env : base.env;
      merged.resources = resources != null ? resources : base.resources;
      merged.scheduling = scheduling != null ? scheduling.over(base.scheduling) : base.scheduling;
      return merged;
    }
  }

  public static class Workflow {
    @Required
    @JsonPropertyDescription("Steps, run in order; a step starts when the one before succeeded")
    private List<Step> steps = new ArrayList<>();

    public List<Step> getSteps() {
      return steps;
    }

    public void setSteps(List<Step> steps) {
      this.steps = steps == null ? new ArrayList<>() : steps;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Step {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$") @JsonPropertyDescription("Unique within the workflow; part of the Job names")
    private String name;

    @JsonPropertyDescription("Merged over spec.parameters")
    private Map<String, String> parameters;

    @JsonPropertyDescription("Replaces spec.input's fields that it sets")
    private Input input;

    @JsonPropertyDescription("Overrides spec.workload field by field")
    private Workload workload;

    @Min(0) @Max(10) @JsonPropertyDescription("Further attempts after a failed one (default 0)")
    private Integer retries;

    @Min(0) @Max(3600) @JsonPropertyDescription("Seconds between attempts (default 10)")
    private Integer retryBackoffSeconds;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Map<String, String> getParameters() {
      return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
      this.parameters = parameters;
    }

    public Input getInput() {
      return input;
    }

    public void setInput(Input input) {
      this.input = input;
    }

    public Workload getWorkload() {
      return workload;
    }

    public void setWorkload(Workload workload) {
      this.workload = workload;
    }

    public int retries() {
      return retries == null ? 0 : retries;
    }

    public Integer getRetries() {
      return retries;
    }

    public void setRetries(Integer retries) {
      this.retries = retries;
    }

    public int retryBackoff() {
      return retryBackoffSeconds == null ? 10 : retryBackoffSeconds;
    }

    public Integer getRetryBackoffSeconds() {
      return retryBackoffSeconds;
    }

    public void setRetryBackoffSeconds(Integer retryBackoffSeconds) {
      this.retryBackoffSeconds = retryBackoffSeconds;
    }
  }
}
