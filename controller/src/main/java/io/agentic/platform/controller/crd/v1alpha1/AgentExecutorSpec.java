package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired agent worker. Field initialisers repeat the CRD defaults because an API server that
 * does not apply schema defaults (or an object stored before a default existed) must still yield
 * the documented behaviour.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    message = "minReplicas must not exceed maxReplicas")
public class AgentExecutorSpec {

  /** DNS-1123 subdomain: what Kubernetes accepts as a Secret name. */
  static final String OBJECT_NAME =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** NATS stream and consumer names: no whitespace, dots, wildcards or path separators. */
  static final String NATS_NAME = "^[^\\s.*>/\\\\]+$";

  public static final String DEFAULT_NATS_URL = "nats://nats.nats.svc:4222";
  public static final int DEFAULT_MONITORING_PORT = 8222;

  /** Where the worker finds the keys of {@code natsCredentialsSecret}. */
  public static final String NATS_CREDENTIALS_DIR = "/var/run/secrets/nats";

  /** Where the worker finds {@code agentProfilesConfigMap}, and the key it reads. */
  public static final String AGENT_PROFILES_DIR = "/etc/agentic/profiles";

  public static final String AGENT_PROFILES_KEY = "profiles.properties";

  @Required
  @PrinterColumn(name = "Image")
  @Pattern("^\\S+$") @JsonPropertyDescription("Container image (e.g., ghcr.io/org/service:v1.0.0)")
  private String image;

  @Default("medium")
  @PrinterColumn(name = "Size")
  @JsonPropertyDescription(
      "Resource size: small (250m-1000m CPU, 512Mi-2Gi RAM), medium (500m-2000m CPU, 1Gi-4Gi"
          + " RAM), large (1000m-4000m CPU, 2Gi-8Gi RAM)")
  private ExecutorSize size = ExecutorSize.MEDIUM;

  // Credentials are refused by a rule, not by the pattern: the API server quotes the value when a
  // pattern fails, and here the value holds a password.
  @Default(DEFAULT_NATS_URL)
  @Pattern("^(nats|tls)://\\S+$") @ValidationRule(
      value = "!self.contains('@')",
      message =
          "natsUrl must not carry credentials (user:password@ or token@); put them in a Secret"
              + " and name it in natsCredentialsSecret")
  @JsonPropertyDescription(
      "NATS server URL, or several separated by commas; without credentials (see"
          + " natsCredentialsSecret)")
  private String natsUrl = DEFAULT_NATS_URL;

  @Required
  @Pattern(NATS_NAME) @JsonPropertyDescription("NATS JetStream stream name to consume from")
  private String natsStreamName;

  @Required
  @Pattern(NATS_NAME) @JsonPropertyDescription(
      "NATS consumer group name for load balancing (the durable JetStream consumer)")
  private String natsConsumerGroup;

  @Pattern("^[^\\s:/]+:[0-9]{1,5}$") @JsonPropertyDescription(
      "host:port of the NATS HTTP monitoring endpoint KEDA queries (no scheme); default: the"
          + " host of natsUrl with port 8222")
  private String natsMonitoringEndpoint;

  @Default("$G")
  @JsonPropertyDescription("NATS account of the stream, for KEDA; $G when accounts are not used")
  private String natsAccount = "$G";

  @Default("postgres-connection")
  @Pattern(OBJECT_NAME) @JsonPropertyDescription(
      "Name of secret containing PostgreSQL credentials (keys: POSTGRES_HOST, POSTGRES_PORT,"
          + " POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD)")
  private String postgresConnectionSecret = "postgres-connection";

  @Default("dragonfly-connection")
  @Pattern(OBJECT_NAME) @JsonPropertyDescription(
      "Name of secret containing Dragonfly credentials (keys: DRAGONFLY_HOST, DRAGONFLY_PORT,"
          + " DRAGONFLY_PASSWORD)")
  private String dragonflyConnectionSecret = "dragonfly-connection";

  @Default("llm-keys")
  @Pattern(OBJECT_NAME) @JsonPropertyDescription(
      "Name of secret containing LLM API keys (keys: OPENAI_API_KEY, ANTHROPIC_API_KEY)")
  private String llmKeysSecret = "llm-keys";

  @Pattern(OBJECT_NAME) @JsonPropertyDescription(
      "Name of secret with the worker's NATS credentials, mounted read-only at "
          + NATS_CREDENTIALS_DIR
          + " (keys, any subset: nats.creds, nkey, username and password, token, ca.crt, tls.crt"
          + " and tls.key); none: the worker connects without credentials")
  private String natsCredentialsSecret;

  @JsonPropertyDescription("List of secret names for pulling private images")
  private List<String> imagePullSecrets = new ArrayList<>();

  @Default("1")
  @Min(0) @Max(1000) @JsonPropertyDescription("Fewest replicas; the Deployment runs at this count without KEDA")
  private Integer minReplicas = 1;

  @Default("10")
  @Min(1) @Max(1000) @JsonPropertyDescription("Most replicas KEDA may scale to")
  private Integer maxReplicas = 10;

  @Default("5")
  @Min(1) @JsonPropertyDescription("Pending messages per replica at which KEDA scales out")
  private Integer lagThreshold = 5;

  @JsonPropertyDescription(
      "Extra environment variables of the worker; names the controller sets itself are refused")
  private List<EnvVar> env = new ArrayList<>();

  @JsonPropertyDescription(
      "Node selector, tolerations, affinity and priority class of the worker pods; each field set"
          + " here overrides the tenant's and the platform's default")
  private Scheduling scheduling;

  @JsonPropertyDescription("Long-term memory through the platform's memory-gateway")
  private MemoryAccess memory;

  @Pattern(OBJECT_NAME) @JsonPropertyDescription(
      "ConfigMap with agent profiles: its key "
          + AGENT_PROFILES_KEY
          + " (executor.agents.<name>.* properties) is mounted read-only at "
          + AGENT_PROFILES_DIR
          + " and read by the worker; a change rolls the pods")
  private String agentProfilesConfigMap;

  @JsonPropertyDescription("The database migrations init container")
  private Migrations migrations = new Migrations();

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

  public String getNatsUrl() {
    return natsUrl;
  }

  public void setNatsUrl(String natsUrl) {
    this.natsUrl = natsUrl;
  }

  public String getNatsStreamName() {
    return natsStreamName;
  }

  public void setNatsStreamName(String natsStreamName) {
    this.natsStreamName = natsStreamName;
  }

  public String getNatsConsumerGroup() {
    return natsConsumerGroup;
  }

  public void setNatsConsumerGroup(String natsConsumerGroup) {
    this.natsConsumerGroup = natsConsumerGroup;
  }

  public String getNatsMonitoringEndpoint() {
    return natsMonitoringEndpoint;
  }

  public void setNatsMonitoringEndpoint(String natsMonitoringEndpoint) {
    this.natsMonitoringEndpoint = natsMonitoringEndpoint;
  }

  public String getNatsAccount() {
    return natsAccount;
  }

  public void setNatsAccount(String natsAccount) {
    this.natsAccount = natsAccount;
  }

  public String getPostgresConnectionSecret() {
    return postgresConnectionSecret;
  }

  public void setPostgresConnectionSecret(String postgresConnectionSecret) {
    this.postgresConnectionSecret = postgresConnectionSecret;
  }

  public String getDragonflyConnectionSecret() {
    return dragonflyConnectionSecret;
  }

  public void setDragonflyConnectionSecret(String dragonflyConnectionSecret) {
    this.dragonflyConnectionSecret = dragonflyConnectionSecret;
  }

  public String getLlmKeysSecret() {
    return llmKeysSecret;
  }

  public void setLlmKeysSecret(String llmKeysSecret) {
    this.llmKeysSecret = llmKeysSecret;
  }

  public String getNatsCredentialsSecret() {
    return natsCredentialsSecret;
  }

  public void setNatsCredentialsSecret(String natsCredentialsSecret) {
    this.natsCredentialsSecret = natsCredentialsSecret;
  }

  public List<String> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<String> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getLagThreshold() {
    return lagThreshold;
  }

  public void setLagThreshold(Integer lagThreshold) {
    this.lagThreshold = lagThreshold;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Scheduling getScheduling() {
    return scheduling;
  }

  public void setScheduling(Scheduling scheduling) {
    this.scheduling = scheduling;
  }

  public MemoryAccess getMemory() {
    return memory;
  }

  public void setMemory(MemoryAccess memory) {
    this.memory = memory;
  }

  public String getAgentProfilesConfigMap() {
    return agentProfilesConfigMap;
  }

  public void setAgentProfilesConfigMap(String agentProfilesConfigMap) {
    this.agentProfilesConfigMap = agentProfilesConfigMap;
  }

  public Migrations getMigrations() {
    return migrations;
  }

  public void setMigrations(Migrations migrations) {
    this.migrations = migrations == null ? new Migrations() : migrations;
  }
}
