import io.agentic.platform.controller.ThirdPartyCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API server of the controller benchmark: a fabric8 mock server in CRUD mode, prepared like a
 * cluster the production controller runs in (every CRD the chart installs, from kubernetes/crds;
 * the leader-election permission check answered as the controller's RBAC would).
 *
 * <p>The production controller uses server-side apply for its children and for status; the CRUD
 * mock answers apply patches with 404 (absent object) or 415. Here an apply becomes a create when
 * the object does not exist and a JSON merge patch when it does, which is what a single field
 * manager applying its full desired state amounts to.
 *
 * <p>Usage: ControllerBenchApiServer COUNT TENANTS CRD_DIR EXAMPLES_DIR STATE_DIR. Writes
 * STATE_DIR/url once ready and waits for STATE_DIR/go. Then onboards TENANTS Tenants at once (each
 * with one namespace, {@code bench-NN-agents}) and waits until each reports {@code Ready} for its
 * generation; puts the example's Secrets into every tenant namespace; creates COUNT AgentExecutors
 * at once, spread round-robin over the tenant namespaces, and waits until each has its
 * ServiceAccount, Deployment, Service and a status with observedGeneration. Writes STATE_DIR/done
 * ("seconds=... complete=N tenant_seconds=... tenants_ready=N", then the AgentRun and route
 * figures), then keeps serving until it is stopped. The CRDs of kagent's Agent, agentgateway's
 * AgentgatewayBackend and the Gateway API's HTTPRoute are installed too, so the controller
 * generates routes for the annotated sources created last.
 */
public class ControllerBenchApiServer {

  private static final String GROUP_VERSION = "platform.bizmatters.io/v1alpha1";
  private static final String KIND = "AgentExecutor";
  private static final String TENANT = "Tenant";
  private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    int tenants = Integer.parseInt(args[1]);
    Path crds = Path.of(args[2]);
    Path examples = Path.of(args[3]);
    Path state = Path.of(args[4]);
    int agentRuns = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    int routes = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    long timeoutNanos = Long.getLong("bench.timeout.seconds", 180) * 1_000_000_000L;
    // The mock server logs every request; at this volume that is the API server's main cost.
    QUIET.setLevel(Level.WARNING);

    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new ApplyAwareDispatcher(), true);
    server.init(InetAddress.getLoopbackAddress(), 0);
    KubernetesClient client = server.createClient();

    try (Stream<Path> files = Files.list(crds)) {
      for (Path crd : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(crd)) {
          client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
        }
      }
    }
    // The kinds routes are generated from, and the Gateway API, installed as in a platform cluster.
    client.resource(ThirdPartyCrds.kagentAgent()).create();
    client.resource(ThirdPartyCrds.agentgatewayBackend()).create();
    client.resource(ThirdPartyCrds.gatewayApiHttpRoute()).create();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("agentic-system").endMetadata().build())
        .create();
    List<String> namespaces = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      namespaces.add(String.format("bench-%02d-agents", t));
    }
    GenericKubernetesResource template;
    try (InputStream in = Files.newInputStream(examples.resolve("agentexecutor.yaml"))) {
      template = Serialization.unmarshal(in, GenericKubernetesResource.class);
    }
    List<HasMetadata> secrets;
    try (InputStream in = Files.newInputStream(examples.resolve("secrets.yaml"))) {
      secrets = Serialization.unmarshal(in);
    }

    Files.writeString(state.resolve("url.tmp"), client.getConfiguration().getMasterUrl());
    Files.move(state.resolve("url.tmp"), state.resolve("url"));
    while (!Files.exists(state.resolve("go"))) {
      Thread.sleep(50);
    }

    // All at once: a pool of writers so the creates are not serialised behind one connection.
    ExecutorService pool = Executors.newFixedThreadPool(16);

    long tenantStart = System.nanoTime();
    List<Callable<Object>> tenantCreates = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      String name = String.format("bench-%02d", t);
      String namespace = namespaces.get(t);
      tenantCreates.add(() -> client.resource(tenant(name, namespace)).create());
    }
    runAll(pool, tenantCreates);
    int tenantsReady = 0;
    while (System.nanoTime() - tenantStart < timeoutNanos) {
      tenantsReady = tenantsReady(client);
      if (tenantsReady == tenants) {
        break;
      }
      Thread.sleep(100);
    }
    double tenantSeconds = (System.nanoTime() - tenantStart) / 1e9;
    System.err.printf("bench: %d of %d Tenants ready in %.2f s%n", tenantsReady, tenants, tenantSeconds);

    // The references the example AgentExecutor needs, in every tenant namespace (not timed).
    List<Callable<Object>> secretCreates = new ArrayList<>();
    for (String namespace : namespaces) {
      for (HasMetadata secret : secrets) {
        secretCreates.add(() -> client.resource(inNamespace(secret, namespace)).create());
      }
      secretCreates.add(() -> client.resource(pullSecret(namespace)).create());
    }
    runAll(pool, secretCreates);

    List<Callable<Object>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format("bench-%04d", i);
      String namespace = namespaces.get(i % namespaces.size());
      creates.add(
          () -> {
            GenericKubernetesResource ae = Serialization.clone(template);
            ae.getMetadata().setName(name);
            ae.getMetadata().setNamespace(namespace);
            return client.resource(ae).create();
          });
    }
    long start = System.nanoTime();
    runAll(pool, creates);
    pool.shutdown();
    double createSeconds = (System.nanoTime() - start) / 1e9;
    System.err.printf(
        "bench: created %d AgentExecutors in %d namespaces in %.2f s%n",
        count, namespaces.size(), createSeconds);

    int complete = 0;
    long lastReport = 0;
    double seconds;
    while (true) {
      // The status is written after the children, so the cheap check goes first; the children are
      // verified once every status is there.
      int withStatus = withObservedGeneration(client);
      if (withStatus == count) {
        complete = complete(client);
      }
      long now = System.nanoTime();
      seconds = (now - start) / 1e9;
      if (complete == count || now - start > timeoutNanos) {
        break;
      }
      if (now - lastReport > 2_000_000_000L) {
        System.err.printf("bench: %6.1f s: %d of %d statuses written%n", seconds, withStatus, count);
        lastReport = now;
      }
      Thread.sleep(100);
    }
    if (complete != count) {
      complete = complete(client);
    }
    System.err.printf("bench: %6.1f s: %d of %d complete%n", seconds, complete, count);
    Files.writeString(state.resolve("ae-done"), "");
    String runFigures = agentRuns(client, namespaces, agentRuns, timeoutNanos);
    String routeFigures = routes(client, namespaces, routes, timeoutNanos);
    Files.writeString(
        state.resolve("done.tmp"),
        String.format(
            "seconds=%.2f complete=%d create_seconds=%.2f tenant_seconds=%.2f tenants_ready=%d %s %s%n",
            seconds, complete, createSeconds, tenantSeconds, tenantsReady, runFigures, routeFigures));
    Files.move(state.resolve("done.tmp"), state.resolve("done"));
    Thread.currentThread().join();
  }

  /**
   * RUNS job AgentRuns created at once over the tenant namespaces: the time until every one is
   * Running with its Job made, then, after every Job is completed as the Job controller and the
   * kubelet would (a pod with the runner's result as termination message, the Job's Complete
   * condition), the time until every one is Succeeded with that result.
   */
  private static String agentRuns(
      KubernetesClient client, List<String> namespaces, int runs, long timeoutNanos)
      throws Exception {
    if (runs == 0) {
      return "agentruns=0";
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Callable<Object>> creates = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      String name = String.format("run-%04d", i);
      String namespace = namespaces.get(i % namespaces.size());
      creates.add(() -> client.resource(agentRun(name, namespace)).create());
    }
    long start = System.nanoTime();
    runAll(pool, creates);
    int running = 0;
    while (System.nanoTime() - start < timeoutNanos) {
      running = runsInPhase(client, "Running", "Succeeded");
      if (running == runs
          && client.batch().v1().jobs().inAnyNamespace().withLabel(RUN_LABEL).list().getItems().size()
              >= runs) {
        break;
      }
      Thread.sleep(100);
    }
    double toRunning = (System.nanoTime() - start) / 1e9;
    System.err.printf("bench: %d of %d AgentRuns running in %.2f s%n", running, runs, toRunning);

    List<Callable<Object>> completions = new ArrayList<>();
    for (var job : client.batch().v1().jobs().inAnyNamespace().withLabel(RUN_LABEL).list().getItems()) {
      completions.add(
          () -> {
            String ns = job.getMetadata().getNamespace();
            String name = job.getMetadata().getName();
            client
                .resource(
                    new PodBuilder()
                        .withNewMetadata()
                        .withName(name + "-pod")
                        .withNamespace(ns)
                        .addToLabels(RUN_LABEL, job.getMetadata().getLabels().get(RUN_LABEL))
                        .addToLabels("job-name", name)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("runner")
                        .withImage("runner")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .addNewContainerStatus()
                        .withName("runner")
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(0)
                        .withMessage("{\"version\":1,\"status\":\"succeeded\",\"output\":\"ok\"}")
                        .endTerminated()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build())
                .create();
            job.setStatus(
                new JobStatusBuilder()
                    .withConditions(
                        new JobConditionBuilder().withType("Complete").withStatus("True").build())
                    .build());
            return client.resource(job).updateStatus();
          });
    }
    long completed = System.nanoTime();
    runAll(pool, completions);
    pool.shutdown();
    int succeeded = 0;
    while (System.nanoTime() - completed < timeoutNanos) {
      succeeded = runsInPhase(client, "Succeeded");
      if (succeeded == runs) {
        break;
      }
      Thread.sleep(100);
    }
    double toSucceeded = (System.nanoTime() - completed) / 1e9;
    System.err.printf("bench: %d of %d AgentRuns succeeded in %.2f s more%n", succeeded, runs, toSucceeded);
    return String.format(
        "agentruns=%d runs_running=%d to_running_s=%.2f runs_succeeded=%d to_succeeded_s=%.2f",
        runs, running, toRunning, succeeded, toSucceeded);
  }

  /** group, version, kind, plural of the kinds whose expose annotation makes a route. */
  private static final String[][] EXPOSED_KINDS = {
    {"kagent.dev", "v1alpha2", "Agent", "agents"},
    {"agentgateway.dev", "v1alpha1", "AgentgatewayBackend", "agentgatewaybackends"}
  };

  /**
   * COUNT annotated sources created at once over the tenant namespaces (half kagent Agents, a
   * quarter AI backends, a quarter MCP backends): the time until every one has its HTTPRoute.
   */
  private static String routes(
      KubernetesClient client, List<String> namespaces, int count, long timeoutNanos)
      throws Exception {
    if (count == 0) {
      return "routes=0";
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Callable<Object>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String namespace = namespaces.get(i % namespaces.size());
      String name = String.format("exposed-%04d", i);
      GenericKubernetesResource source = new GenericKubernetesResource();
      String[] kind = EXPOSED_KINDS[i % 2 == 0 ? 0 : 1];
      source.setApiVersion(kind[0] + "/" + kind[1]);
      source.setKind(kind[2]);
      source.setMetadata(
          new ObjectMetaBuilder()
              .withName(name)
              .withNamespace(namespace)
              .addToAnnotations("platform.agentic.io/expose", "true")
              .build());
      source.setAdditionalProperty(
          "spec",
          i % 2 == 0
              ? Map.of("type", "Declarative", "declarative", Map.of("systemMessage", "You help."))
              : Map.of(i % 4 == 1 ? "ai" : "mcp", Map.of("provider", Map.of("openai", Map.of()))));
      creates.add(() -> client.resource(source).create());
    }
    long start = System.nanoTime();
    runAll(pool, creates);
    pool.shutdown();
    int made = 0;
    while (System.nanoTime() - start < timeoutNanos) {
      made =
          client
              .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
              .inAnyNamespace()
              .withLabel("platform.agentic.io/exposed-kind")
              .list()
              .getItems()
              .size();
      if (made == count) {
        break;
      }
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.printf("bench: %d of %d annotated sources have their route in %.2f s%n", made, count, seconds);
    return String.format("routes=%d routes_made=%d routes_seconds=%.2f", count, made, seconds);
  }

  private static final String RUN_LABEL = "platform.bizmatters.io/agent-run";

  private static GenericKubernetesResource agentRun(String name, String namespace) {
    GenericKubernetesResource run = new GenericKubernetesResource();
    run.setApiVersion(GROUP_VERSION);
    run.setKind("AgentRun");
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    run.setAdditionalProperty(
        "spec",
        Map.of(
            "runtime", Map.of("type", "job"),
            "agent", "support",
            "llmKeysSecret", "my-llm-keys",
            "input", Map.of("messages", List.of(Map.of("role", "user", "content", "Hello")))));
    return run;
  }

  @SuppressWarnings("unchecked")
  private static int runsInPhase(KubernetesClient client, String... phases) {
    List<String> wanted = List.of(phases);
    return (int)
        client.genericKubernetesResources(GROUP_VERSION, "AgentRun").inAnyNamespace().list().getItems().stream()
            .filter(
                r ->
                    r.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                        && wanted.contains(status.get("phase")))
            .count();
  }

  private static void runAll(ExecutorService pool, List<Callable<Object>> tasks) throws Exception {
    for (Future<Object> f : pool.invokeAll(tasks)) {
      f.get();
    }
  }

  private static GenericKubernetesResource tenant(String name, String namespace) {
    GenericKubernetesResource tenant = new GenericKubernetesResource();
    tenant.setApiVersion(GROUP_VERSION);
    tenant.setKind(TENANT);
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tenant.setAdditionalProperty(
        "spec",
        Map.of(
            "namespaces", List.of(namespace),
            "developers",
                List.of(
                    Map.of(
                        "kind", "Group",
                        "apiGroup", "rbac.authorization.k8s.io",
                        "name", name + "-developers")),
            "quota", Map.of("pods", "50")));
    return tenant;
  }

  private static HasMetadata inNamespace(HasMetadata object, String namespace) {
    HasMetadata copy = Serialization.clone(object);
    copy.getMetadata().setNamespace(namespace);
    return copy;
  }

  private static HasMetadata pullSecret(String namespace) {
    String dockerConfig =
        Base64.getEncoder().encodeToString("{\"auths\":{}}".getBytes(StandardCharsets.UTF_8));
    return new SecretBuilder()
        .withNewMetadata()
        .withName("ghcr-pull-secret")
        .withNamespace(namespace)
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(".dockerconfigjson", dockerConfig)
        .build();
  }

  /** Tenants whose Ready condition is True for their current generation. */
  private static int tenantsReady(KubernetesClient client) {
    return (int)
        client.genericKubernetesResources(GROUP_VERSION, TENANT).list().getItems().stream()
            .filter(
                t -> {
                  if (!statusWritten(t)) {
                    return false;
                  }
                  Map<?, ?> status = (Map<?, ?>) t.getAdditionalProperties().get("status");
                  return status.get("conditions") instanceof List<?> conditions
                      && conditions.stream()
                          .anyMatch(
                              c ->
                                  c instanceof Map<?, ?> m
                                      && "Ready".equals(m.get("type"))
                                      && "True".equals(m.get("status")));
                })
            .count();
  }

  private static List<GenericKubernetesResource> executors(KubernetesClient client) {
    return client.genericKubernetesResources(GROUP_VERSION, KIND).inAnyNamespace().list().getItems();
  }

  private static boolean statusWritten(GenericKubernetesResource ae) {
    Object status = ae.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> map) || map.get("observedGeneration") == null) {
      return false;
    }
    Long generation = ae.getMetadata().getGeneration();
    long observed = ((Number) map.get("observedGeneration")).longValue();
    return generation == null || observed >= generation;
  }

  private static int withObservedGeneration(KubernetesClient client) {
    return (int) executors(client).stream().filter(ControllerBenchApiServer::statusWritten).count();
  }

  /** AgentExecutors with a written status and all three children. */
  private static int complete(KubernetesClient client) {
    Set<String> accounts = names(client.serviceAccounts().inAnyNamespace().list().getItems());
    Set<String> deployments = names(client.apps().deployments().inAnyNamespace().list().getItems());
    Set<String> services = names(client.services().inAnyNamespace().list().getItems());
    return (int)
        executors(client).stream()
            .filter(ControllerBenchApiServer::statusWritten)
            .map(ControllerBenchApiServer::key)
            .filter(n -> accounts.contains(n) && deployments.contains(n) && services.contains(n))
            .count();
  }

  private static String key(HasMetadata object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static Set<String> names(List<? extends HasMetadata> items) {
    return items.stream().map(ControllerBenchApiServer::key).collect(Collectors.toSet());
  }

  /** CRUD dispatcher that understands server-side apply and the leader-election permission check. */
  static final class ApplyAwareDispatcher extends KubernetesCrudDispatcher {

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      if (request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
        return new MockResponse()
            .setResponseCode(201)
            .setBody(
                Serialization.asJson(
                    new SelfSubjectRulesReviewBuilder()
                        .withNewSpec()
                        .withNamespace("agentic-system")
                        .endSpec()
                        .withNewStatus()
                        .withIncomplete(false)
                        .addNewResourceRule()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("get", "create", "update")
                        .endResourceRule()
                        .endStatus()
                        .build()));
      }
      return super.handleCreate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      String contentType = request.getHeader("Content-Type");
      if (contentType == null || !contentType.contains("apply-patch")) {
        return super.handlePatch(request);
      }
      String path = request.getPath();
      int query = path.indexOf('?');
      String resourcePath = query < 0 ? path : path.substring(0, query);
      // The body is YAML by media type; fabric8 sends JSON, but accept either.
      String json = Serialization.asJson(Serialization.unmarshal(request.getUtf8Body(), Object.class));
      boolean status = resourcePath.endsWith("/status");
      if (!status && findResource(getKey(resourcePath)) == null) {
        String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
        // An apply that creates answers 201 like the API server.
        return super.handleCreate(rewrite(request, "POST", collection, "application/json", json));
      }
      return super.handlePatch(
          rewrite(request, "PATCH", resourcePath, PatchType.JSON_MERGE.getContentType(), json));
    }

    private static RecordedRequest rewrite(
        RecordedRequest original, String method, String path, String contentType, String body) {
      return new RecordedRequest(
          original.getHttpVersion(),
          io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(method),
          path,
          original.getHeaders().newBuilder().set("Content-Type", contentType).build(),
          new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
