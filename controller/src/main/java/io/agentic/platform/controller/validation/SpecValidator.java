package io.agentic.platform.controller.validation;

import io.agentic.platform.controller.autoscaling.NatsMonitoringEndpoint;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorSpec;
import io.agentic.platform.controller.status.Problem;
import io.agentic.platform.controller.workload.WorkerPod;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the spec before anything is created. The CRD schema rejects most of this at admission; the
 * same rules run here because objects can predate a schema change and the cross-field rules need
 * CEL support in the API server. A failed check leaves the existing children untouched.
 */
public final class SpecValidator {

  public static final String INVALID_SPEC = "InvalidSpec";

  private static final Pattern OBJECT_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern NATS_NAME = Pattern.compile("^[^\\s.*>/\\\\]+$");
  private static final Pattern NATS_URL = Pattern.compile("^(nats|tls)://\\S+$");
  private static final Pattern HOST_PORT = Pattern.compile("^[^\\s:/]+:([0-9]{1,5})$");
  private static final Pattern ENV_NAME = Pattern.compile("^[-._a-zA-Z][-._a-zA-Z0-9]*$");

  private SpecValidator() {}

  public static List<Problem> validate(AgentExecutorSpec spec) {
    List<String> errors = new ArrayList<>();
    if (spec == null) {
      return List.of(new Problem(INVALID_SPEC, "spec is missing"));
    }
    if (blank(spec.getImage())) {
      errors.add("spec.image is required");
    } else if (spec.getImage().chars().anyMatch(Character::isWhitespace)) {
      errors.add("spec.image must not contain whitespace");
    }
    if (spec.getSize() == null) {
      errors.add("spec.size must be one of small, medium, large");
    }
    natsName(errors, "spec.natsStreamName", spec.getNatsStreamName());
    natsName(errors, "spec.natsConsumerGroup", spec.getNatsConsumerGroup());
    if (blank(spec.getNatsUrl()) || !NATS_URL.matcher(spec.getNatsUrl()).matches()) {
      errors.add("spec.natsUrl must look like nats://host:4222");
    } else if (carriesCredentials(spec.getNatsUrl())) {
      // The URL lands in the pod spec, readable by whoever may read Deployments: never quote it.
      errors.add(
          "spec.natsUrl must not carry credentials (user:password@ or token@ before the host):"
              + " put them in a Secret and name it in spec.natsCredentialsSecret");
    }
    String endpoint = spec.getNatsMonitoringEndpoint();
    if (endpoint != null && !validHostPort(endpoint)) {
      errors.add(
          "spec.natsMonitoringEndpoint must be host:port of the NATS HTTP monitoring port (no"
              + " scheme), e.g. nats.nats.svc:8222; got "
              + endpoint);
    } else if (endpoint == null
        && NatsMonitoringEndpoint.of(spec).isEmpty()
        && !blank(spec.getNatsUrl())
        && !carriesCredentials(spec.getNatsUrl())) {
      errors.add("spec.natsMonitoringEndpoint is required: no host can be read from spec.natsUrl");
    }
    if (blank(spec.getNatsAccount())) {
      errors.add("spec.natsAccount must not be empty ($G when accounts are not used)");
    }
    objectName(errors, "spec.postgresConnectionSecret", spec.getPostgresConnectionSecret());
    objectName(errors, "spec.dragonflyConnectionSecret", spec.getDragonflyConnectionSecret());
    objectName(errors, "spec.llmKeysSecret", spec.getLlmKeysSecret());
    if (spec.getNatsCredentialsSecret() != null) {
      objectName(errors, "spec.natsCredentialsSecret", spec.getNatsCredentialsSecret());
    }
    if (spec.getMemory() != null && spec.getMemory().isEnabled()) {
      if (blank(spec.getMemory().getTokenSecret())) {
        errors.add(
            "spec.memory.tokenSecret is required when spec.memory.enabled is true (the Secret with"
                + " the worker's memory-gateway token)");
      } else {
        objectName(errors, "spec.memory.tokenSecret", spec.getMemory().getTokenSecret());
      }
    }
    if (spec.getAgentProfilesConfigMap() != null) {
      objectName(errors, "spec.agentProfilesConfigMap", spec.getAgentProfilesConfigMap());
    }
    List<String> pullSecrets =
        spec.getImagePullSecrets() == null ? List.of() : spec.getImagePullSecrets();
    for (int i = 0; i < pullSecrets.size(); i++) {
      objectName(errors, "spec.imagePullSecrets[" + i + "]", pullSecrets.get(i));
    }
    replicas(errors, spec);
    env(errors, spec.getEnv() == null ? List.of() : spec.getEnv());
    return errors.stream().map(e -> new Problem(INVALID_SPEC, e)).toList();
  }

  private static void replicas(List<String> errors, AgentExecutorSpec spec) {
    Integer min = spec.getMinReplicas();
    Integer max = spec.getMaxReplicas();
    if (min == null || min < 0) {
      errors.add("spec.minReplicas must be 0 or more");
    }
    if (max == null || max < 1) {
      errors.add("spec.maxReplicas must be 1 or more");
    }
    if (min != null && max != null && min > max) {
      errors.add("spec.minReplicas (" + min + ") must not exceed spec.maxReplicas (" + max + ")");
    }
    if (spec.getLagThreshold() == null || spec.getLagThreshold() < 1) {
      errors.add("spec.lagThreshold must be 1 or more");
    }
  }

  private static void env(List<String> errors, List<EnvVar> env) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i) == null ? null : env.get(i).getName();
      String field = "spec.env[" + i + "].name";
      if (blank(name) || !ENV_NAME.matcher(name).matches()) {
        errors.add(field + " is not a valid environment variable name: " + name);
      } else if (WorkerPod.MANAGED_ENV_NAMES.contains(name)) {
        errors.add(field + " " + name + " is set by the controller and cannot be overridden");
      } else if (!seen.add(name)) {
        errors.add(field + " " + name + " appears more than once");
      }
    }
  }

  private static void natsName(List<String> errors, String field, String value) {
    if (blank(value)) {
      errors.add(field + " is required");
    } else if (!NATS_NAME.matcher(value).matches()) {
      errors.add(field + " must not contain whitespace, '.', '*', '>', '/' or '\\': " + value);
    }
  }

  private static void objectName(List<String> errors, String field, String value) {
    if (blank(value) || value.length() > 253 || !OBJECT_NAME.matcher(value).matches()) {
      errors.add(field + " must be a Secret name (lower-case DNS subdomain): " + value);
    }
  }

  /**
   * Whether any of the comma-separated URLs has userinfo. A NATS URL has no path or query and a
   * host never holds '@', so any '@' belongs to a user, password or token. Looking for it anywhere,
   * rather than parsing the authority, also catches passwords with '/' or ',' in them; the CRD's
   * rule is the same.
   */
  static boolean carriesCredentials(String natsUrls) {
    return natsUrls.indexOf('@') >= 0;
  }

  private static boolean validHostPort(String value) {
    var m = HOST_PORT.matcher(value);
    if (!m.matches()) {
      return false;
    }
    int port = Integer.parseInt(m.group(1));
    return port >= 1 && port <= 65535;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
