package io.agentic.platform.controller;

import io.agentic.platform.controller.autoscaling.AgentExecutorScaledObjectDependentResource;
import io.agentic.platform.controller.autoscaling.Keda;
import io.agentic.platform.controller.autoscaling.KedaInstalledCondition;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.agentic.platform.controller.crd.v1alpha1.AgentExecutorStatus;
import io.agentic.platform.controller.operations.ReconcileMetrics;
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
import io.agentic.platform.controller.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
          activationCondition = KedaInstalledCondition.class)
    })
@ControllerConfiguration(
    name = AgentExecutorReconciler.NAME,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@RBACRule(
    apiGroups = "",
    resources = {"secrets", "pods"},
    verbs = {"get", "list", "watch"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@RBACRule(
    apiGroups = "coordination.k8s.io",
    resources = "leases",
    verbs = {"get", "create", "update"})
public class AgentExecutorReconciler implements Reconciler<AgentExecutor> {

  public static final String NAME = "agentexecutor";

  private static final Logger LOG = Logger.getLogger(AgentExecutorReconciler.class);
  private static final String SECRET_INDEX = "referenced-secrets";
  private static final int MAX_ERROR_MESSAGE = 1000;

  private final ReconcileMetrics metrics;

  AgentExecutorReconciler(ReconcileMetrics metrics) {
    this.metrics = metrics;
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

  @Override
  public UpdateControl<AgentExecutor> reconcile(
      AgentExecutor executor, Context<AgentExecutor> context) {
    Instant start = Instant.now();
    List<Problem> specProblems = SpecValidator.validate(executor.getSpec());
    Observation observation;
    if (!specProblems.isEmpty()) {
      observation = Observation.invalidSpec(specProblems);
    } else {
      boolean kedaInstalled = Keda.installed(context.getClient());
      Map<String, Secret> secrets =
          context.getSecondaryResources(Secret.class).stream()
              .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
      SecretCheck secretCheck =
          SecretCheck.of(executor.getMetadata().getNamespace(), executor.getSpec(), secrets);
      new ReconcileInputs(secretCheck, kedaInstalled, tenantOf(context, executor)).putInto(context);
      context
          .managedWorkflowAndDependentResourceContext()
          .reconcileManagedWorkflow()
          .throwAggregateExceptionIfErrorsPresent();
      observation =
          new Observation(
              List.of(),
              secretCheck.problems(),
              context.getSecondaryResource(Deployment.class),
              new ArrayList<>(context.getSecondaryResources(Pod.class)),
              kedaInstalled,
              Optional.empty());
    }
    UpdateControl<AgentExecutor> control = updateStatus(executor, context, observation);
    metrics.record(outcome(executor.getStatus()), Duration.between(start, Instant.now()));
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<AgentExecutor> updateErrorStatus(
      AgentExecutor executor, Context<AgentExecutor> context, Exception e) {
    boolean kedaWasInstalled =
        executor.getStatus() != null
            && executor.getStatus().getConditions().stream()
                .anyMatch(
                    c ->
                        StatusAggregator.AUTOSCALING.equals(c.getType())
                            && "True".equals(c.getStatus()));
    Observation observation =
        Observation.failed(
            new Problem(StatusAggregator.RECONCILE_FAILED, describe(e)), kedaWasInstalled);
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

  @Override
  public List<EventSource<?, AgentExecutor>> prepareEventSources(
      EventSourceContext<AgentExecutor> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            SECRET_INDEX,
            executor ->
                SecretReferences.secretNames(executor.getSpec()).stream()
                    .map(name -> key(executor.getMetadata().getNamespace(), name))
                    .toList());

    // Secrets are the tenant's, not ours: map each to the AgentExecutors that reference it, so a
    // change to an unrelated Secret triggers nothing.
    InformerEventSource<Secret, AgentExecutor> secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, AgentExecutor.class)
                .withName("secrets")
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    secret ->
                        context
                            .getPrimaryCache()
                            .byIndex(
                                SECRET_INDEX,
                                key(
                                    secret.getMetadata().getNamespace(),
                                    secret.getMetadata().getName()))
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .<AgentExecutor>withPrimaryToSecondaryMapper(
                    executor ->
                        SecretReferences.secretNames(executor.getSpec()).stream()
                            .map(
                                name -> new ResourceID(name, executor.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context);

    // Worker pods are owned by ReplicaSets; the instance label leads back to the AgentExecutor.
    InformerEventSource<Pod, AgentExecutor> pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, AgentExecutor.class)
                .withName("pods")
                .withNamespacesInheritedFromController()
                .withLabelSelector(WorkloadLabels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    pod -> {
                      Map<String, String> labels = pod.getMetadata().getLabels();
                      String instance = labels == null ? null : labels.get(WorkloadLabels.INSTANCE);
                      return instance == null
                          ? Set.of()
                          : Set.of(new ResourceID(instance, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context);
    return List.of(secrets, pods);
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

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
