package io.agentic.platform.controller;

import io.agentic.platform.controller.autoscaling.AgentExecutorScaledObjectDependentResource;
import io.agentic.platform.controller.autoscaling.Keda;
import io.agentic.platform.controller.autoscaling.KedaInstalledCondition;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorStatus;
import io.agentic.platform.controller.crd.v1alpha1.Scheduling;
import io.agentic.platform.controller.crd.v1alpha1.Tenant;
import io.agentic.platform.controller.monitoring.AgentExecutorPodMonitorDependentResource;
import io.agentic.platform.controller.monitoring.PrometheusOperator;
import io.agentic.platform.controller.monitoring.PrometheusOperatorInstalledCondition;
import io.agentic.platform.controller.operations.ApiPresence;
import io.agentic.platform.controller.operations.ReconcileMetrics;
import io.agentic.platform.controller.secrets.AgentProfilesCheck;
import io.agentic.platform.controller.secrets.SecretCheck;
import io.agentic.platform.controller.secrets.SecretReferences;
import io.agentic.platform.controller.status.EventRecorder;
import io.agentic.platform.controller.status.Observation;
import io.agentic.platform.controller.status.Problem;
import io.agentic.platform.controller.status.StatusAggregator;
import io.agentic.platform.controller.tenant.TenantLabels;
import io.agentic.platform.controller.validation.SpecValidator;
import io.agentic.platform.controller.workload.AgentExecutorDeploymentDependentResource;
import io.agentic.platform.controller.workload.AgentExecutorServiceAccountDependentResource;
import io.agentic.platform.controller.workload.AgentExecutorServiceDependentResource;
import io.agentic.platform.controller.workload.ReconcileInputs;
import io.agentic.platform.controller.workload.WorkerWiring;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles an AgentExecutor: validates the spec, applies the ServiceAccount, Deployment, Service
 * and (with KEDA) ScaledObject, then writes a status built from what the cluster reports. The
 * workflow is invoked explicitly so that an invalid spec leaves the running workload alone instead
 * of deleting or breaking it.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(
          name = "serviceaccount",
          type = AgentExecutorServiceAccountDependentResource.class),
      @Dependent(name = "deployment", type = AgentExecutorDeploymentDependentResource.class),
      @Dependent(name = "service", type = AgentExecutorServiceDependentResource.class),
      @Dependent(
          name = "scaledobject",
          type = AgentExecutorScaledObjectDependentResource.class,
          dependsOn = "deployment",
          activationCondition = KedaInstalledCondition.class),
      @Dependent(
          name = "podmonitor",
          type = AgentExecutorPodMonitorDependentResource.class,
          activationCondition = PrometheusOperatorInstalledCondition.class)
    })
@ControllerConfiguration(
    name = AgentExecutorReconciler.NAME,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@RBACRule(
    apiGroups = "",
    resources = {"secrets", "pods", "configmaps"},
    verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@RBACRule(
    apiGroups = "coordination.k8s.io",
    resources = "leases",
    verbs = {"get", "create", "update"})
public class AgentExecutorReconciler implements Reconciler<AgentExecutor> {

  public static final String NAME = "agentexecutor";
  public static final String MEMORY_GATEWAY_NOT_CONFIGURED = "MemoryGatewayNotConfigured";

  private static final Logger LOG = Logger.getLogger(AgentExecutorReconciler.class);
  private static final int MAX_ERROR_MESSAGE = 1000;

  private final ReconcileMetrics metrics;
  private final WorkerWiring wiring;
  private final ApiPresence apis;
  private final ControllerConfig.Secrets secretsConfig;

  AgentExecutorReconciler(ReconcileMetrics metrics, ControllerConfig config, ApiPresence apis) {
    this.metrics = metrics;
    this.apis = apis;
    this.wiring = WorkerWiring.from(config.executors());
    this.secretsConfig = config.secrets();
  }

  /**
   * The tenant of the AgentExecutor's namespace (its {@code platform.agentic.io/tenant-name} label,
   * set by the Tenant reconciler): the worker then serves that tenant only.
   */
  private static Optional<String> tenantOf(Context<AgentExecutor> context, AgentExecutor executor) {
    var namespace =
        context.getClient().namespaces().withName(executor.getMetadata().getNamespace()).get();
    if (namespace == null || namespace.getMetadata().getLabels() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(namespace.getMetadata().getLabels().get(TenantLabels.TENANT_NAME));
  }

  /**
   * The AgentExecutor's scheduling over its tenant's over the platform's default. The Tenant comes
   * from the informer cache: the tenants listing this namespace, of which the namespace's label
   * names the one that holds it.
   */
  private Scheduling schedulingOf(
      Context<AgentExecutor> context, AgentExecutor executor, Optional<String> tenant) {
    Scheduling platform = wiring.defaultScheduling();
    Scheduling tenants =
        tenant
            .flatMap(
                name ->
                    context.getSecondaryResources(Tenant.class).stream()
                        .filter(t -> name.equals(t.getMetadata().getName()))
                        .findFirst())
            .map(t -> t.getSpec().scheduling().over(platform))
            .orElse(platform);
    Scheduling own = executor.getSpec().getScheduling();
    return own == null ? tenants : own.over(tenants);
  }

  /** What the platform cannot give this AgentExecutor as configured. */
  private List<Problem> wiringProblems(AgentExecutor executor) {
    if (SecretReferences.memoryEnabled(executor.getSpec()) && wiring.memoryGatewayUrl().isEmpty()) {
      return List.of(
          new Problem(
              MEMORY_GATEWAY_NOT_CONFIGURED,
              "spec.memory.enabled is true but the platform has no memory-gateway (the chart's"
                  + " memoryGateway component is off): the worker runs without memory"));
    }
    return List.of();
  }

  @Override
  public UpdateControl<AgentExecutor> reconcile(
      AgentExecutor executor, Context<AgentExecutor> context) {
    Instant start = Instant.now();
    List<Problem> specProblems = SpecValidator.validate(executor.getSpec());
    Observation observation;
    if (!specProblems.isEmpty()) {
      observation = Observation.invalidSpec(specProblems);
    } else {
      boolean kedaInstalled = apis.installed(context.getClient(), Keda.SCALED_OBJECT_CRD);
      boolean podMonitorsInstalled =
          apis.installed(context.getClient(), PrometheusOperator.POD_MONITOR_CRD);
      String namespace = executor.getMetadata().getNamespace();
      Map<String, Secret> secrets =
          context.getSecondaryResources(Secret.class).stream()
              .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
      SecretCheck secretCheck = SecretCheck.of(namespace, executor.getSpec(), secrets);
      AgentProfilesCheck profiles =
          AgentProfilesCheck.of(
              namespace,
              executor.getSpec(),
              context.getSecondaryResources(ConfigMap.class).stream().findFirst());
      Optional<String> tenant = tenantOf(context, executor);
      new ReconcileInputs(
              secretCheck,
              profiles,
              kedaInstalled,
              podMonitorsInstalled,
              tenant,
              schedulingOf(context, executor, tenant),
              wiring)
          .putInto(context);
      context
          .managedWorkflowAndDependentResourceContext()
          .reconcileManagedWorkflow()
          .throwAggregateExceptionIfErrorsPresent();
      List<Problem> referenceProblems = new ArrayList<>(secretCheck.problems());
      referenceProblems.addAll(profiles.problems());
      referenceProblems.addAll(wiringProblems(executor));
      observation =
          new Observation(
              List.of(),
              referenceProblems,
              context.getSecondaryResource(Deployment.class),
              new ArrayList<>(context.getSecondaryResources(Pod.class)),
              kedaInstalled,
              Optional.empty(),
              podMonitorsInstalled);
    }
    UpdateControl<AgentExecutor> control = updateStatus(executor, context, observation);
    metrics.record(outcome(executor.getStatus()), Duration.between(start, Instant.now()));
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<AgentExecutor> updateErrorStatus(
      AgentExecutor executor, Context<AgentExecutor> context, Exception e) {
    Observation observation =
        Observation.failed(
            new Problem(StatusAggregator.RECONCILE_FAILED, describe(e)),
            wasTrue(executor, StatusAggregator.AUTOSCALING),
            wasTrue(executor, StatusAggregator.MONITORING));
    AgentExecutorStatus before = executor.getStatus();
    AgentExecutorStatus after = StatusAggregator.aggregate(executor, observation, Instant.now());
    EventRecorder.recordTransitions(context.getClient(), executor, before, after);
    metrics.record("error", Duration.ZERO);
    try {
      writeStatus(executor, context, after);
    } catch (RuntimeException writeFailure) {
      LOG.warnf(
          "Could not write the status of AgentExecutor %s/%s: %s",
          executor.getMetadata().getNamespace(),
          executor.getMetadata().getName(),
          writeFailure.getMessage());
    }
    // Retried with the configured backoff; the status says why meanwhile.
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** Whether the last written status had the condition True: kept while a reconcile fails. */
  private static boolean wasTrue(AgentExecutor executor, String type) {
    return executor.getStatus() != null
        && executor.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public List<EventSource<?, AgentExecutor>> prepareEventSources(
      EventSourceContext<AgentExecutor> context) {
    return AgentExecutorEventSources.of(context, secretsConfig);
  }

  private UpdateControl<AgentExecutor> updateStatus(
      AgentExecutor executor, Context<AgentExecutor> context, Observation observation) {
    AgentExecutorStatus before = executor.getStatus();
    AgentExecutorStatus after = StatusAggregator.aggregate(executor, observation, Instant.now());
    if (Objects.equals(before, after)) {
      return UpdateControl.noUpdate();
    }
    EventRecorder.recordTransitions(context.getClient(), executor, before, after);
    writeStatus(executor, context, after);
    executor.setStatus(after);
    return UpdateControl.noUpdate();
  }

  /**
   * Replaces the whole status (an update of the status subresource under optimistic locking) and
   * puts the result in the primary cache. A diff-based patch computed against a stale cached copy
   * can mix two reconciliations' conditions (a {@code Degraded=False} with a problem's reason);
   * this way the next reconciliation always starts from what was written, and a conflict re-reads
   * and retries.
   */
  private static void writeStatus(
      AgentExecutor executor, Context<AgentExecutor> context, AgentExecutorStatus status) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        executor,
        context,
        latest -> {
          latest.setStatus(status);
          return latest;
        });
  }

  private static String outcome(AgentExecutorStatus status) {
    if (status == null) {
      return "progressing";
    }
    String degradedReason = null;
    boolean ready = false;
    for (var c : status.getConditions()) {
      if (StatusAggregator.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus())) {
        degradedReason = c.getReason();
      }
      if (StatusAggregator.READY.equals(c.getType()) && "True".equals(c.getStatus())) {
        ready = true;
      }
    }
    if (SpecValidator.INVALID_SPEC.equals(degradedReason)) {
      return "invalid";
    }
    if (degradedReason != null) {
      return "degraded";
    }
    return ready ? "ready" : "progressing";
  }

  /** The causes' messages, bounded; API errors name the object, never Secret values. */
  private static String describe(Exception e) {
    StringBuilder message = new StringBuilder();
    Throwable t = e;
    while (t != null && message.length() < MAX_ERROR_MESSAGE) {
      if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
        if (!message.isEmpty()) {
          message.append(": ");
        }
        message.append(t.getMessage());
      }
      t = t.getCause();
    }
    String text = message.isEmpty() ? e.getClass().getSimpleName() : message.toString();
    return text.length() > MAX_ERROR_MESSAGE ? text.substring(0, MAX_ERROR_MESSAGE) + "…" : text;
  }
}
