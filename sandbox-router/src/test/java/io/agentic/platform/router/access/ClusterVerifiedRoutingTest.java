package io.agentic.platform.router.access;

import static io.agentic.platform.testsupport.ProblemJson.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentic.platform.router.proxy.SandboxBackends;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing checked against the cluster: Sandboxes and labelled namespaces come from an API server
 * (the fabric8 mock in CRUD mode) through informers. The router also runs with a 1 MiB body limit.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(SandboxBackends.class)
@TestProfile(ClusterVerifiedRoutingTest.Verified.class)
class ClusterVerifiedRoutingTest {

  public static class Verified implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "router.sandboxes.verify", "on",
          "router.namespaces.allowed", "team-a,default",
          "router.namespaces.label-selector", "platform.agentic.io/tenant=true",
          "router.limits.max-body-size", "1M");
    }
  }

  /** The router's own client, pointed at the mock API server. */
  @Inject KubernetesClient cluster;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL readiness;

  @BeforeEach
  void clusterViewLoaded() {
    await().atMost(Duration.ofSeconds(10)).until(() -> given().get(readiness).statusCode() == 200);
  }

  private KubernetesClient client() {
    return cluster;
  }

  private void createSandbox(String namespace, String name, String ready) {
    GenericKubernetesResource sandbox = new GenericKubernetesResource();
    sandbox.setApiVersion("agents.x-k8s.io/v1alpha1");
    sandbox.setKind("Sandbox");
    sandbox.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .build());
    if (ready != null) {
      sandbox.setAdditionalProperty(
          "status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", ready))));
    }
    client()
        .genericKubernetesResources(InformedSandboxes.RESOURCE)
        .inNamespace(namespace)
        .resource(sandbox)
        .createOr(NonDeletingOperation::update);
  }

  private static int status(String namespace, String id) {
    return given()
        .header("X-Sandbox-ID", id)
        .header("X-Sandbox-Namespace", namespace)
        .get("/x")
        .then()
        .extract()
        .statusCode();
  }

  private static void awaitStatus(String namespace, String id, int expected) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status(namespace, id) == expected);
  }

  @Test
  void routesOnlyToSandboxesTheClusterKnows() {
    assertProblem(
            given()
                .header("X-Sandbox-ID", "echo")
                .header("X-Sandbox-Namespace", "team-a")
                .get("/x")
                .then(),
            404)
        .detail(equalTo("there is no sandbox 'echo' in namespace 'team-a'"));

    createSandbox("team-a", "echo", "True");
    awaitStatus("team-a", "echo", 200);

    client()
        .genericKubernetesResources(InformedSandboxes.RESOURCE)
        .inNamespace("team-a")
        .withName("echo")
        .delete();
    awaitStatus("team-a", "echo", 404);
  }

  @Test
  void aSandboxThatReportsNotReadyIsAnswered503() {
    createSandbox("default", "echo", "False");
    awaitStatus("default", "echo", 503);
  }

  @Test
  void aNamespaceOpensWhenItCarriesTheTenantLabel() {
    createSandbox("team-c", "echo", null);
    given()
        .header("X-Sandbox-ID", "echo")
        .header("X-Sandbox-Namespace", "team-c")
        .get("/x")
        .then()
        .statusCode(403);

    client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("team-c")
                .addToLabels("platform.agentic.io/tenant", "true")
                .endMetadata()
                .build())
        .create();
    awaitStatus("team-c", "echo", 200);
  }

  @Test
  void theApiServerIsNeverATargetEvenWhenDefaultIsAllowed() {
    createSandbox("default", "kubernetes", "True");
    assertProblem(
            given()
                .header("X-Sandbox-ID", "kubernetes")
                .header("X-Sandbox-Namespace", "default")
                .get("/api/v1/secrets")
                .then(),
            403)
        .detailContains("API server");
  }

  @Test
  void bodiesOverTheLimitAreRefused() {
    createSandbox("team-a", "limited", null);
    // The hosts file does not know "limited": a refusal here can only come from the limit.
    assertProblem(
            given()
                .header("X-Sandbox-ID", "limited")
                .header("X-Sandbox-Namespace", "team-a")
                .body(new byte[2 * 1024 * 1024])
                .post("/upload")
                .then(),
            413)
        .detailContains("1048576 bytes");
  }

  @TestHTTPResource("/")
  URL router;

  @Test
  void aStreamedBodyThatGrowsOverTheLimitIsAnswered413() throws Exception {
    createSandbox("team-a", "echo", "True");
    awaitStatus("team-a", "echo", 200);
    try (Socket socket = new Socket(router.getHost(), router.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /upload HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                  + "X-Sandbox-Namespace: team-a\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      // 2 MiB in 64 KiB chunks, with no length announced: only counting can find it too large.
      CompletableFuture<Void> upload =
          CompletableFuture.runAsync(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                byte[] size =
                    (Integer.toHexString(chunk.length) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                try {
                  for (int i = 0; i < 32; i++) {
                    out.write(size);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[1024];
      InputStream in = socket.getInputStream();
      for (int n; answer.indexOf("}") < 0 && (n = in.read(buffer)) > 0; ) {
        answer.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
      }
      assertTrue(answer.toString().startsWith("HTTP/1.1 413"), answer.toString());
      assertTrue(answer.indexOf("1048576 bytes") > 0, answer.toString());
      // The caller could send its whole body: the router read the rest and let it go, and the
      // connection is ready for the next request.
      upload.get(10, TimeUnit.SECONDS);
      out.write(
          ("GET /next HTTP/1.1\r\nHost: r\r\nX-Sandbox-ID: echo\r\n"
                  + "X-Sandbox-Namespace: team-a\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      int n = in.read(buffer);
      String next = new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
      assertTrue(next.startsWith("HTTP/1.1 200"), next);
    }
  }

  @Test
  void reportsReadyOnceTheClusterViewIsLoaded() {
    await().atMost(Duration.ofSeconds(10)).until(() -> given().get(readiness).statusCode() == 200);
    given()
        .get(readiness)
        .then()
        .body("checks.find { it.name == 'cluster-view' }.data.sandboxes", equalTo("loaded"));
  }
}
