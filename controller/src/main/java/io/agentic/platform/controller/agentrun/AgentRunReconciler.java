package io.agentic.platform.controller.agentrun;

import io.agentic.platform.controller.ControllerConfig;
import io.agentic.platform.controller.crd.v1alpha1.AgentRun;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunSpec;
import io.agentic.platform.controller.crd.v1alpha1.AgentRunStatus;
import io.agentic.platform.controller.secrets.ValueDigests;
import io.agentic.platform.controller.status.Conditions;
import io.agentic.platform.controller.status.EventRecorder;
import io.agentic.platform.controller.tenant.TenantLabels;
import io.agentic.platform.controller.workload.WorkerWiring;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs an AgentRun: its Job, or its workflow's Jobs one step (and attempt) after the other, and a
 * status that says where it is, what it produced and, when something is wrong, what.
 */
@ControllerConfiguration(
    name = AgentRunReconciler.NAME,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@RBACRule(
    apiGroups = "batch",
    resources = "jobs",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "",
    resources = "configmaps",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "",
    resources = "pods",
    verbs = {"get", "list", "watch"})
// Presence of the referenced Secrets (never their values into status) and the namespace's tenant.
@RBACRule(
    apiGroups = "",
    resources = {"secrets", "namespaces"},
    verbs = "get")
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
public class AgentRunReconciler implements Reconciler<AgentRun> {

  public static final String NAME = "agentrun";

  static final String PROGRESSING = "Progressing";
  static final String DEGRADED = "Degraded";
  static final String SUCCEEDED = "Succeeded";
  static final long MIN_TTL_SECONDS = 30;
  static final long MAX_TTL_SECONDS = 604_800;

  private static final Logger LOG = Logger.getLogger(AgentRunReconciler.class);

  private final ControllerConfig.Runner runner;
  private final Optional<String> otlpEndpoint;

  AgentRunReconciler(ControllerConfig config) {
    this.runner = config.runner();
    this.otlpEndpoint = WorkerWiring.from(config.executors()).otlpEndpoint();
  }

  @Override
  public UpdateControl<AgentRun> reconcile(AgentRun run, Context<AgentRun> context) {
    KubernetesClient client = context.getClient();
    Instant now = Instant.now();
    AgentRunStatus previous = run.getStatus();
    AgentRunStatus status = previous == null ? new AgentRunStatus() : Serialization.clone(previous);
    String digest = ValueDigests.sha256(Serialization.asJson(run.getSpec()));
    Optional<RunProgress.Problem> problem = Optional.empty();
    Optional<Duration> lookAgain = Optional.empty();

    Optional<RunProgress.Problem> changed = changedAfterStart(status, digest);
    Optional<RunProgress.Problem> unsupported = unsupported(run.getSpec());
    List<String> invalid = RunValidator.problems(run.getSpec());
    if (status.finished()) {
      // Nothing more to do but keep the result and why it failed; a changed spec is refused all
      // the same.
      problem = changed.or(() -> recorded(previous));
    } else if (changed.isPresent()) {
      // Not applied halfway: the Jobs already made run on; no new one starts until it is reverted.
      problem = changed;
    } else if (unsupported.isPresent()) {
      problem = unsupported;
      status.finish(AgentRunStatus.FAILED, now);
    } else if (!invalid.isEmpty()) {
      // Pending, not failed: a corrected spec runs.
      problem = Optional.of(new RunProgress.Problem("InvalidSpec", String.join("; ", invalid)));
      status.setPhase(AgentRunStatus.PENDING);
    } else {
      // The Secrets are checked before a Job is made; a running Job has its pod's own report.
      boolean startsJobs =
          status.getPhase() == null
              || AgentRunStatus.PENDING.equals(status.getPhase())
              || run.getSpec().getRuntime().getType() == AgentRunSpec.Runtime.Type.WORKFLOW;
      Optional<RunProgress.Problem> missing =
          startsJobs ? missingSecret(client, run) : Optional.empty();
      if (missing.isPresent()) {
        problem = missing;
        if (status.getPhase() == null) {
          status.setPhase(AgentRunStatus.PENDING);
        }
        // No informer on the tenant's Secrets for runs: look again shortly.
        lookAgain = Optional.of(Duration.ofSeconds(10));
      } else {
        RunProgress progress =
            new RunProgress(
                client,
                run,
                status,
                new ArrayList<>(context.getSecondaryResources(Job.class)),
                new ArrayList<>(context.getSecondaryResources(Pod.class)),
                new RunSettings(
                    runner.image(), otlpEndpoint, memoized(() -> tenantOf(client, run))),
                now);
        if (run.getSpec().getRuntime().getType() == AgentRunSpec.Runtime.Type.WORKFLOW) {
          progress.workflow();
        } else {
          progress.job();
        }
        problem = progress.problem();
        lookAgain = progress.lookAgainIn();
        if (status.getSpecDigest() == null && !AgentRunStatus.PENDING.equals(status.getPhase())) {
          status.setSpecDigest(digest);
        }
      }
    }
    status.setObservedGeneration(run.getMetadata().getGeneration());
    status.setConditions(
        conditions(status, problem, previous, run.getMetadata().getGeneration(), now));
    if (!Objects.equals(previous, status)) {
      recordEvents(client, run, previous, status, problem);
      PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
          run,
          context,
          latest -> {
            latest.setStatus(status);
            return latest;
          });
      run.setStatus(status);
    }
    if (status.finished()) {
      // Only now that the status holds the outcome may the Jobs (and their pods' termination
      // messages) be cleaned up.
      expireJobs(client, run, context.getSecondaryResources(Job.class));
    }
    UpdateControl<AgentRun> control = UpdateControl.noUpdate();
    return lookAgain.map(d -> control.rescheduleAfter(Math.max(1, d.toMillis()))).orElse(control);
  }

  /** The problem the status already reports. */
  private static Optional<RunProgress.Problem> recorded(AgentRunStatus status) {
    return status.getConditions().stream()
        .filter(c -> DEGRADED.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst()
        .map(c -> new RunProgress.Problem(c.getReason(), c.getMessage()));
  }

  private static Optional<RunProgress.Problem> unsupported(AgentRunSpec spec) {
    var type = spec.getRuntime() == null ? null : spec.getRuntime().getType();
    if (type == AgentRunSpec.Runtime.Type.TEMPORAL || type == AgentRunSpec.Runtime.Type.CUSTOM) {
      return Optional.of(
          new RunProgress.Problem(
              "RuntimeNotSupported",
              "runtime.type "
                  + type.name().toLowerCase()
                  + " is not supported by this controller; use job (one run) or workflow (steps)"));
    }
    return Optional.empty();
  }

  private static Optional<RunProgress.Problem> changedAfterStart(
      AgentRunStatus status, String digest) {
    if (status.getSpecDigest() != null && !status.getSpecDigest().equals(digest)) {
      return Optional.of(
          new RunProgress.Problem(
              "SpecImmutable",
              "the spec changed after the run started and the change is not applied; revert it, or"
                  + " create a new AgentRun"));
    }
    return Optional.empty();
  }

  private static Optional<RunProgress.Problem> missingSecret(
      KubernetesClient client, AgentRun run) {
    String namespace = run.getMetadata().getNamespace();
    var spec = run.getSpec();
    for (String secret :
        java.util.stream.Stream.of(spec.getLlmKeysSecret(), spec.getPostgresConnectionSecret())
            .filter(Objects::nonNull)
            .toList()) {
      if (client.secrets().inNamespace(namespace).withName(secret).get() == null) {
        return Optional.of(
            new RunProgress.Problem(
                "SecretMissing", "Secret " + secret + " not found in namespace " + namespace));
      }
    }
    return Optional.empty();
  }

  /** The tenant of the run's namespace, or the namespace's name outside tenants. */
  private static String tenantOf(KubernetesClient client, AgentRun run) {
    String namespace = run.getMetadata().getNamespace();
    var ns = client.namespaces().withName(namespace).get();
    if (ns != null && ns.getMetadata().getLabels() != null) {
      String tenant = ns.getMetadata().getLabels().get(TenantLabels.TENANT_NAME);
      if (tenant != null) {
        return tenant;
      }
    }
    return namespace;
  }

  private static Supplier<String> memoized(Supplier<String> supplier) {
    String[] value = new String[1];
    return () -> value[0] != null ? value[0] : (value[0] = supplier.get());
  }

  private static List<Condition> conditions(
      AgentRunStatus status,
      Optional<RunProgress.Problem> problem,
      AgentRunStatus previous,
      long generation,
      Instant now) {
    String phase = status.getPhase() == null ? AgentRunStatus.PENDING : status.getPhase();
    List<Condition> next = new ArrayList<>();
    next.add(
        status.finished()
            ? Conditions.of(PROGRESSING, false, phase, "the run is " + phase.toLowerCase())
            : Conditions.of(PROGRESSING, true, phase, "the run is " + phase.toLowerCase()));
    next.add(
        problem
            .map(p -> Conditions.of(DEGRADED, true, p.reason(), p.message()))
            .orElse(Conditions.of(DEGRADED, false, "AsExpected", "no problems found")));
    next.add(
        Conditions.of(
            SUCCEEDED,
            AgentRunStatus.SUCCEEDED.equals(phase),
            phase,
            AgentRunStatus.SUCCEEDED.equals(phase)
                ? "the run succeeded"
                : "the run has not succeeded"));
    List<Condition> before = previous == null ? null : previous.getConditions();
    return next.stream().map(c -> Conditions.carryOver(c, before, generation, now)).toList();
  }

  private static void recordEvents(
      KubernetesClient client,
      AgentRun run,
      AgentRunStatus before,
      AgentRunStatus after,
      Optional<RunProgress.Problem> problem) {
    String was = before == null ? null : before.getPhase();
    if (!Objects.equals(was, after.getPhase())) {
      boolean failed = AgentRunStatus.FAILED.equals(after.getPhase());
      EventRecorder.publish(
          client,
          run,
          failed ? "Warning" : "Normal",
          after.getPhase(),
          problem
              .map(RunProgress.Problem::message)
              .orElse("the run is " + after.getPhase().toLowerCase()));
    } else if (problem.isPresent()
        && (before == null || !Conditions.isTrue(before.getConditions(), DEGRADED))) {
      EventRecorder.publish(
          client, run, "Warning", problem.get().reason(), problem.get().message());
    }
  }

  private void expireJobs(KubernetesClient client, AgentRun run, Set<Job> jobs) {
    Integer asked = run.getSpec().getTtlSecondsAfterFinished();
    long ttl = asked != null ? asked : runner.jobTtlSecondsAfterFinished();
    if (asked == null && ttl == 0) {
      return; // the platform keeps finished Jobs
    }
    int clamped = (int) Math.max(MIN_TTL_SECONDS, Math.min(MAX_TTL_SECONDS, ttl));
    for (Job job : jobs) {
      if (job.getSpec() != null && job.getSpec().getTtlSecondsAfterFinished() == null) {
        try {
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(job.getMetadata().getNamespace())
              .withName(job.getMetadata().getName())
              .edit(
                  j -> {
                    j.getSpec().setTtlSecondsAfterFinished(clamped);
                    return j;
                  });
        } catch (RuntimeException e) {
          LOG.warnf(
              "could not set the TTL of Job %s: %s", job.getMetadata().getName(), e.getMessage());
        }
      }
    }
  }

  @Override
  public List<EventSource<?, AgentRun>> prepareEventSources(EventSourceContext<AgentRun> context) {
    return List.of(
        labelled(context, Job.class, "jobs"), labelled(context, Pod.class, "runner-pods"));
  }

  /** Objects labelled with their AgentRun's name, which leads back to it. */
  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata>
      InformerEventSource<R, AgentRun> labelled(
          EventSourceContext<AgentRun> context, Class<R> kind, String name) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, AgentRun.class)
            .withName(name)
            .withNamespacesInheritedFromController()
            .withLabelSelector(AgentRunJob.RUN_LABEL)
            .withSecondaryToPrimaryMapper(
                object -> {
                  Map<String, String> labels = object.getMetadata().getLabels();
                  String owner = labels == null ? null : labels.get(AgentRunJob.RUN_LABEL);
                  return owner == null
                      ? Set.of()
                      : Set.of(new ResourceID(owner, object.getMetadata().getNamespace()));
                })
            .build(),
        context);
  }
}
