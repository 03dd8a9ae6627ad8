package io.agentic.platform.controller.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the controller asks the API server for when it watches Secrets. The mock server cannot
 * evaluate a field selector on {@code type} (it knows only metadata fields, and no value with a
 * {@code /}), so this checks the requests themselves: the API server filters by them.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SecretInformerTest {

  @KubernetesTestServer KubernetesServer server;

  @Test
  void secretsOfTheIgnoredTypesAreNeverListedNorWatched() throws InterruptedException {
    List<String> secretRequests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS))
        != null) {
      String path = URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8);
      if (request.getMethod().equals("GET")
          && path.matches("/api/v1/(namespaces/[^/]+/)?secrets\\?.*")) {
        secretRequests.add(path);
      }
    }

    assertTrue(
        secretRequests.stream().anyMatch(p -> !p.contains("watch=true")), "the informer's list");
    assertTrue(
        secretRequests.stream().anyMatch(p -> p.contains("watch=true")), "the informer's watch");
    for (String path : secretRequests) {
      for (String type :
          List.of(
              "kubernetes.io/service-account-token",
              "bootstrap.kubernetes.io/token",
              "kubernetes.io/dockerconfigjson",
              "kubernetes.io/dockercfg",
              "helm.sh/release.v1")) {
        assertTrue(path.contains("type!=" + type), path + " leaves out " + type);
      }
      assertFalse(path.contains("type=Opaque"), "nothing else is filtered");
    }
  }
}
