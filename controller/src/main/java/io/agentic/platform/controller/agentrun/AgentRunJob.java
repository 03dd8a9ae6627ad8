package io.agentic.platform.controller.agentrun;

import io.agentic.platform.controller.crd.v1alpha1.AgentRun;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec.Workload;
import io.agentic.platform.controller.crd.v1alpha1.ExecutorSize;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import io.agentic.platform.controller.secrets.SecretReferences;
import io.agentic.platform.controller.secrets.ValueDigests;
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Job of one run or step attempt, and the ConfigMap with its {@code run.json}: the runner image
 * in its one-shot mode, no Kubernetes API token, the restricted Pod Security Standard with a
 * read-only root filesystem, never restarted in place (retries are the AgentRun's).
 */
final class AgentRunJob {

  /** Label on the Jobs, their pods and ConfigMaps: the AgentRun they belong to. */
  static final String RUN_LABEL = "platform.bizmatters.io/agent-run";

  static final String STEP_LABEL = "platform.bizmatters.io/agent-run-step";
  static final String CONTAINER = "runner";
  static final String RUN_DIR = "/etc/agentic/run";
  static final int MAX_NAME = 63;

  /** Names the controller sets itself; extra env may not override them. */
  static final Set<String> MANAGED_ENV_NAMES =
      Set.of(
          "EXECUTOR_MODE",
          "EXECUTOR_RUN_FILE",
          "POSTGRES_HOST",
          "POSTGRES_PORT",
          "POSTGRES_DB",
          "POSTGRES_USER",
          "POSTGRES_PASSWORD",
          "OPENAI_API_KEY",
          "ANTHROPIC_API_KEY",
          "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
          "QUARKUS_OTEL_SERVICE_NAME",
          "QUARKUS_OTEL_RESOURCE_ATTRIBUTES",
          "QUARKUS_OTEL_SDK_DISABLED");

  private AgentRunJob() {}

  /**
   * The Job's name: the run's, and for a step {@code <run>-<step>-<attempt>}; cut and completed
   * with a hash where that exceeds the 63 characters a Job's pods can be labelled with.
   */
  static String name(AgentRun run, String step, int attempt) {
    String full =
        step == null
            ? run.getMetadata().getName()
            : run.getMetadata().getName() + "-" + step + "-" + attempt;
    if (full.length() <= MAX_NAME) {
      return full;
    }
    String hash = ValueDigests.sha256(full).substring(0, 8);
    String prefix = full.substring(0, MAX_NAME - 9).replaceAll("-+$", "");
    return prefix + "-" + hash;
  }

  static ConfigMap configMap(AgentRun run, String name, String step, RunRequest request) {
    return new ConfigMapBuilder()
        .withMetadata(metadata(run, name, step))
        .addToData("run.json", request.json())
        .addToData("parameters.json", request.parameters())
        .build();
  }

  /**
   * @param image the resolved runner image
   * @param otlpEndpoint where the runner's traces go, if the platform says
   */
  static Job job(
      AgentRun run,
      String name,
      String step,
      Workload workload,
      String image,
      Optional<String> otlpEndpoint,
      String tenant) {
    var spec = run.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("EXECUTOR_MODE", "run", null));
    env.add(new EnvVar("EXECUTOR_RUN_FILE", RUN_DIR + "/run.json", null));
    for (String key : SecretReferences.LLM_KEYS) {
      env.add(secretEnv(key, spec.getLlmKeysSecret(), key, true));
    }
    if (spec.getPostgresConnectionSecret() != null) {
      for (String key : SecretReferences.POSTGRES_KEYS) {
        env.add(secretEnv(key, spec.getPostgresConnectionSecret(), key, false));
      }
    }
    if (otlpEndpoint.isPresent()) {
      env.add(new EnvVar("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint.get(), null));
      env.add(new EnvVar("QUARKUS_OTEL_SERVICE_NAME", run.getMetadata().getName(), null));
      env.add(
          new EnvVar(
              "QUARKUS_OTEL_RESOURCE_ATTRIBUTES",
              "k8s.namespace.name=" + run.getMetadata().getNamespace() + ",tenant.id=" + tenant,
              null));
    } else {
      // No collector to send to: a run should not spend its time failing to export spans.
      env.add(new EnvVar("QUARKUS_OTEL_SDK_DISABLED", "true", null));
    }
    if (workload.getEnv() != null) {
      env.addAll(workload.getEnv());
    }
    Scheduling scheduling =
        workload.getScheduling() == null ? new Scheduling() : workload.getScheduling();
    Map<String, String> nodeSelector = scheduling.getNodeSelector();
    return new JobBuilder()
        .withMetadata(metadata(run, name, step))
        .withNewSpec()
        // Retries are the AgentRun's (a workflow step's retries), never the Job's own.
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(run, step))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(image)
        .withEnv(env)
        .withResources(resources(workload))
        .withTerminationMessagePath("/dev/termination-log")
        .withTerminationMessagePolicy("File")
        .addNewVolumeMount()
        .withName("run")
        .withMountPath(RUN_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .addNewVolume()
        .withName("run")
        .withNewConfigMap()
        .withName(name)
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("64Mi"))
        .endEmptyDir()
        .endVolume()
        .withNodeSelector(nodeSelector == null || nodeSelector.isEmpty() ? null : nodeSelector)
        .withTolerations(scheduling.getTolerations())
        .withAffinity(scheduling.getAffinity())
        .withPriorityClassName(scheduling.getPriorityClassName())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static ResourceRequirements resources(Workload workload) {
    if (workload.getResources() != null) {
      return workload.getResources();
    }
    ExecutorSize size = workload.getSize() == null ? ExecutorSize.SMALL : workload.getSize();
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(size.cpuRequest()))
        .addToRequests("memory", new Quantity(size.memoryRequest()))
        .addToLimits("cpu", new Quantity(size.cpuLimit()))
        .addToLimits("memory", new Quantity(size.memoryLimit()))
        .build();
  }

  static Map<String, String> labels(AgentRun run, String step) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "agent-run");
    labels.put("app.kubernetes.io/managed-by", WorkloadLabels.CONTROLLER);
    labels.put(RUN_LABEL, run.getMetadata().getName());
    if (step != null) {
      labels.put(STEP_LABEL, step);
    }
    return labels;
  }

  private static ObjectMeta metadata(AgentRun run, String name, String step) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(labels(run, step))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(run.getApiVersion())
                .withKind(run.getKind())
                .withName(run.getMetadata().getName())
                .withUid(run.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }

  private static EnvVar secretEnv(String env, String secret, String key, boolean optional) {
    return new EnvVarBuilder()
        .withName(env)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(optional ? Boolean.TRUE : null)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
