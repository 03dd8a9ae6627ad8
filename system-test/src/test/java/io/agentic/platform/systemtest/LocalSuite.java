package io.agentic.platform.systemtest;

import io.agentic.platform.testsupport.PackagedJar;
import io.agentic.platform.testsupport.RunningJar;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole suite on this machine, as scripts/run-local.sh runs it and the chart wires it: the
 * packaged jars of the services in their prod profile (JSON logs), the local stand-ins for the
 * remote services, the local NATS, PostgreSQL and Redis, a Prometheus scraping every service, and a
 * mock Kubernetes API for the controller. Everything listens on free ports; the requests of this
 * run go to a stream and subjects of its own.
 */
final class LocalSuite implements AutoCloseable {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  static final String NATS_URL = "nats://127.0.0.1:4222";
  static final String POSTGRES_SCHEMA = "agent_executor_systest";

  /** The label Prometheus puts on every series, as the namespace of a cluster would. */
  static final String NAMESPACE = "systest";

  final Path root;
  final Path dir;
  final SuitePorts ports = SuitePorts.pick();
  final String runTag = UUID.randomUUID().toString().substring(0, 8);
  final String stream = "SYSTEST_" + runTag.toUpperCase();
  final String consumer = "systest-executor";
  final Path tracesLog;
  final MockCluster cluster;
  final Prometheus prometheus;
  private final List<RunningJar> processes = new ArrayList<>();

  LocalSuite(Path root) throws Exception {
    this.root = root;
    this.dir = Path.of("target", "suite").toAbsolutePath();
    Files.createDirectories(dir);
    this.tracesLog = dir.resolve("traces.log");
    Files.deleteIfExists(tracesLog);
    this.cluster = new MockCluster(root);
    this.prometheus = new Prometheus(dir, ports.prometheus(), NAMESPACE, scrapeTargets());
    try {
      start();
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  /** The subject a request of {@code tenant} is published to in this run. */
  String requestSubject(String tenant) {
    return "systest-" + runTag + ".requests." + tenant;
  }

  String url(int port, String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void start() throws Exception {
    Map<String, String> sandboxHosts = Map.of("echo.default.svc.cluster.local", "127.0.0.1");
    Path hosts = dir.resolve("sandbox-hosts");
    StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
    sandboxHosts.forEach((name, ip) -> lines.append(ip).append(' ').append(name).append('\n'));
    Files.writeString(hosts, lines);

    List<Waiting> waiting = new ArrayList<>();
    waiting.add(
        launch(
            "local-standins",
            Map.of(
                "STANDINS_LLM_PORT", port(ports.llm()),
                "STANDINS_EVERMEMOS_PORT", port(ports.evermemos()),
                "STANDINS_LANGFUSE_PORT", port(ports.langfuse()),
                "STANDINS_SANDBOX_PORT", port(ports.sandbox()),
                "QUARKUS_HTTP_PORT", port(ports.standinsHealth()),
                "STANDINS_LANGFUSE_TRACES_LOG", tracesLog.toString()),
            url(ports.standinsHealth(), "/q/health/ready")));
    waiting.add(
        launch(
            "otel-bridge",
            asTheChartWiresIt(
                "otel-bridge",
                Map.of(
                    "QUARKUS_HTTP_PORT", port(ports.bridgeHttp()),
                    "QUARKUS_GRPC_SERVER_PORT", port(ports.bridgeGrpc()),
                    "QUARKUS_MANAGEMENT_PORT", port(ports.bridgeManagement()),
                    "BRIDGE_EXPORT_ENDPOINT", url(ports.langfuse(), "/api/public/otel"),
                    "BRIDGE_BATCH_TIMEOUT", "200ms")),
            url(ports.bridgeManagement(), "/q/health/ready")));
    waiting.add(
        launch(
            "memory-gateway",
            asTheChartWiresIt(
                "memory-gateway",
                traced(
                    Map.of(
                        "QUARKUS_HTTP_PORT", port(ports.gatewayHttp()),
                        "QUARKUS_MANAGEMENT_PORT", port(ports.gatewayManagement()),
                        "MEMORY_AUTH_MODE", "dev-header",
                        "MEMORY_AUTH_ALLOW_DEV_MODE_IN_PROD", "true",
                        "MEMORY_EVERMEMOS_BASE_URL", url(ports.evermemos(), "")))),
            url(ports.gatewayManagement(), "/q/health/ready")));
    waiting.add(
        launch(
            "sandbox-router",
            asTheChartWiresIt(
                "sandbox-router",
                traced(
                    Map.of(
                        "QUARKUS_HTTP_PORT", port(ports.routerHttp()),
                        "QUARKUS_MANAGEMENT_PORT", port(ports.routerManagement()),
                        "ROUTER_AUTH_MODE", "none",
                        "ROUTER_NAMESPACES_ALLOWED", "default",
                        "ROUTER_DEFAULT_PORT", port(ports.sandbox()),
                        "ROUTER_ALLOWED_PORTS", port(ports.sandbox()),
                        "QUARKUS_VERTX_RESOLVER_HOSTS_PATH", hosts.toString(),
                        // No Kubernetes API here to look namespaces and Sandboxes up in.
                        "ROUTER_NAMESPACES_LABEL_SELECTOR", "",
                        "ROUTER_SANDBOXES_VERIFY", "off"))),
            url(ports.routerManagement(), "/q/health/ready")));
    waiting.add(
        launch(
            "controller",
            asTheChartWiresIt(
                "controller",
                traced(
                    Map.of(
                        "QUARKUS_HTTP_PORT", port(ports.controllerHttp()),
                        "QUARKUS_MANAGEMENT_PORT", port(ports.controllerManagement())))),
            Map.of(
                "kubernetes.master",
                cluster.url(),
                "kubernetes.auth.tryKubeConfig",
                "false",
                "kubernetes.auth.tryServiceAccount",
                "false",
                "kubernetes.namespace",
                NAMESPACE),
            url(ports.controllerManagement(), "/q/health/ready")));

    migrateExecutorSchema();
    waiting.add(
        launch("agent-executor", traced(executorEnv()), url(ports.executorHttp(), "/ready")));

    for (Waiting w : waiting) {
      w.jar().waitForUrl(w.readyUrl(), READY_TIMEOUT);
    }
    prometheus.waitUntilReady(READY_TIMEOUT);
  }

  private Map<String, String> executorEnv() {
    Map<String, String> env = new LinkedHashMap<>(postgresEnv());
    env.put("QUARKUS_HTTP_PORT", port(ports.executorHttp()));
    env.put("NATS_URL", NATS_URL);
    env.put("NATS_STREAM_NAME", stream);
    env.put("NATS_STREAM_SUBJECTS", "systest-" + runTag + ".requests.>");
    env.put("EXECUTOR_REQUESTS_PREFIX", "systest-" + runTag + ".requests");
    env.put("NATS_CONSUMER_GROUP", consumer);
    env.put("DRAGONFLY_HOST", "127.0.0.1");
    env.put("DRAGONFLY_PORT", "6379");
    env.put("OPENAI_BASE_URL", url(ports.llm(), ""));
    env.put("ANTHROPIC_BASE_URL", url(ports.llm(), ""));
    env.put("MEMORY_GATEWAY_URL", url(ports.gatewayHttp(), ""));
    // The agent profiles scripts/run-local.sh uses: those of the documentation's examples.
    env.put(
        "SMALLRYE_CONFIG_LOCATIONS",
        root.resolve("scripts/local/agents.properties").toAbsolutePath().toString());
    return env;
  }

  private Map<String, String> postgresEnv() {
    return Map.of(
        "POSTGRES_HOST", "127.0.0.1",
        "POSTGRES_PORT", "5432",
        "POSTGRES_DB", "agentic",
        "POSTGRES_USER", "agentic",
        "POSTGRES_PASSWORD", "agentic",
        "POSTGRES_SCHEMA", POSTGRES_SCHEMA);
  }

  private void migrateExecutorSchema() throws IOException, InterruptedException {
    try (RunningJar migrate =
        jar("agent-executor", "agent-executor-migrate")
            .env(postgresEnv())
            .env("QUARKUS_OTEL_SDK_DISABLED", "true")
            .args("migrate")
            .start()) {
      int exit = migrate.waitForExit(Duration.ofSeconds(120));
      if (exit != 0) {
        throw new AssertionError(
            "agent-executor migrate exited " + exit + ":\n" + migrate.output());
      }
    }
  }

  /** The chart's environment for {@code component}, then {@code env} over it. */
  private Map<String, String> asTheChartWiresIt(String component, Map<String, String> env) {
    Map<String, String> all = new LinkedHashMap<>(ChartEnvironment.of(root, component));
    all.putAll(env);
    return all;
  }

  /** Every service traces to the otel-bridge, in short batches so a test sees spans quickly. */
  private Map<String, String> traced(Map<String, String> env) {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put("QUARKUS_OTEL_SDK_DISABLED", "false");
    all.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", url(ports.bridgeGrpc(), ""));
    all.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    return all;
  }

  private List<Prometheus.Target> scrapeTargets() {
    return List.of(
        new Prometheus.Target("controller", ports.controllerManagement(), "/q/metrics"),
        new Prometheus.Target("sandbox-router", ports.routerManagement(), "/q/metrics"),
        new Prometheus.Target("agent-executor", ports.executorHttp(), "/q/metrics"),
        new Prometheus.Target("memory-gateway", ports.gatewayManagement(), "/q/metrics"),
        new Prometheus.Target("otel-bridge", ports.bridgeManagement(), "/q/metrics"));
  }

  private Waiting launch(String module, Map<String, String> env, String readyUrl)
      throws IOException {
    return launch(module, env, Map.of(), readyUrl);
  }

  private Waiting launch(
      String module, Map<String, String> env, Map<String, String> properties, String readyUrl)
      throws IOException {
    PackagedJar jar =
        jar(module, module)
            .env("QUARKUS_HTTP_HOST", "127.0.0.1")
            .env("QUARKUS_MANAGEMENT_HOST", "127.0.0.1")
            .env(env);
    properties.forEach(jar::systemProperty);
    RunningJar running = jar.start();
    processes.add(running);
    return new Waiting(running, readyUrl);
  }

  PackagedJar jar(String module, String name) {
    return PackagedJar.at(root.resolve(module).resolve(PackagedJar.QUARKUS_RUN_JAR), name)
        .logFile(dir.resolve(name + ".log"));
  }

  private static String port(int port) {
    return String.valueOf(port);
  }

  private record Waiting(RunningJar jar, String readyUrl) {}

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    prometheus.close();
    cluster.close();
    try (Connection nats = Nats.connect(NATS_URL)) {
      nats.jetStreamManagement().deleteStream(stream);
    } catch (IOException | JetStreamApiException e) {
      // The stream of this run only: a later run uses another name.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
