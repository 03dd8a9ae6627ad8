package io.agentic.platform.controller;

import static org.awaitility.Awaitility.await;

import io.agentic.platform.testsupport.ManagementEndpointChecks;
import io.agentic.platform.testsupport.PackagedLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the management-endpoint checks against the packaged jar, started in the prod profile and
 * pointed at a mock Kubernetes API where the CRD is installed (as the chart installs it).
 */
@QuarkusIntegrationTest
@WithKubernetesTestServer(crud = true, setup = ProductionLikeCluster.class)
class PackagedApplicationIT extends ManagementEndpointChecks {

  @KubernetesTestServer KubernetesServer server;

  @Test
  void logsAreJsonInProdProfile() throws IOException {
    PackagedLog.assertJsonLines(PackagedLog.INTEGRATION_TEST_LOG);
  }

  /** With leader election (prod), route generation starts once this replica holds the Lease. */
  @Test
  void routesAreGeneratedByTheReplicaThatLeads() {
    KubernetesClient client = server.getClient();
    client.resource(ThirdPartyCrds.kagentAgent()).create();
    client.resource(ThirdPartyCrds.gatewayApiHttpRoute()).create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("packaged").endMetadata().build())
        .create();
    GenericKubernetesResource agent =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("kagent.dev/v1alpha2")
            .withKind("Agent")
            .withNewMetadata()
            .withNamespace("packaged")
            .withName("helper")
            .withAnnotations(Map.of("platform.agentic.io/expose", "true"))
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("type", "Declarative")))
            .build();
    client.resource(agent).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                    .inNamespace("packaged")
                    .withName("agent-helper")
                    .get(),
            route -> route != null);
  }
}
