package io.agentic.platform.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flow 6: a real Prometheus scrapes every service, and every PromQL expression of the chart's
 * Grafana dashboard answers with at least one series once the suite has done some work.
 */
@ExtendWith(SuiteExtension.class)
class MetricsFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void everyDashboardQueryAnswers(LocalSuite suite) throws Exception {
    doSomeWork(suite);

    List<String> queries = dashboardQueries(suite);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Map<String, String> unanswered = new TreeMap<>();
    do {
      unanswered.clear();
      for (String query : queries) {
        JsonNode series = suite.prometheus.query(query);
        if (series.isEmpty()) {
          unanswered.put(query, "no series");
        }
      }
      if (unanswered.isEmpty()) {
        break;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);

    assertEquals(
        Map.of(),
        unanswered,
        "dashboard queries without a series after "
            + PATIENCE
            + "; targets: "
            + suite.prometheus.targets());
  }

  /**
   * What the dashboard shows exists only once it happened: a run, a routed request, a reconcile.
   */
  private static void doSomeWork(LocalSuite suite) throws Exception {
    String tenant = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    Agentctl.Outcome run =
        Agentctl.request(
            suite, tenant, "--agent=support", "--session=s-1", "--user=u-1", "--memory", "hello");
    assertEquals(0, run.exitCode(), run.output());

    HttpResponse<String> routed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(suite.url(suite.ports.routerHttp(), "/metrics")))
                    .header("X-Sandbox-ID", "echo")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, routed.statusCode());

    KubernetesClient kube = suite.cluster.client();
    String namespace = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    GenericKubernetesResource executor =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("platform.bizmatters.io/v1alpha1")
            .withKind("AgentExecutor")
            .withNewMetadata()
            .withName("dashboard")
            .withNamespace(namespace)
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "image", "example.org/agent-executor:1",
                    "natsStreamName", "S",
                    "natsConsumerGroup", "c"))
            .build();
    kube.resource(executor).create();
  }

  /** Every target expression of the dashboard, for the namespace label of this suite. */
  private static List<String> dashboardQueries(LocalSuite suite) throws Exception {
    JsonNode dashboard =
        JSON.readTree(
            suite.root.resolve("helm/agentic-platform/dashboards/agentic-platform.json").toFile());
    List<String> queries = new ArrayList<>();
    collect(dashboard.path("panels"), queries);
    if (queries.isEmpty()) {
      throw new AssertionError("the dashboard has no queries");
    }
    // The dashboard's variables ($namespace for the platform, $executor_namespace for executors)
    // both select this suite's namespace.
    return queries.stream()
        .map(
            q ->
                q.replace("$executor_namespace", LocalSuite.NAMESPACE)
                    .replace("$namespace", LocalSuite.NAMESPACE))
        .toList();
  }

  private static void collect(JsonNode panels, List<String> into) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          into.add(target.path("expr").asText());
        }
      }
      collect(panel.path("panels"), into);
    }
  }
}
