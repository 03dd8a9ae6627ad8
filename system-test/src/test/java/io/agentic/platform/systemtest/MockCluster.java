package io.agentic.platform.systemtest;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The Kubernetes API the packaged controller talks to: the fabric8 mock server in CRUD mode that
 * also answers server-side apply ({@link ServerSideApplyDispatcher}), with the CRDs from
 * kubernetes/crds installed, as the chart installs them.
 */
final class MockCluster implements AutoCloseable {

  private final KubernetesMockServer server =
      new KubernetesMockServer(
          new Context(),
          new MockWebServer(),
          new HashMap<>(),
          new ServerSideApplyDispatcher(),
          false);
  private final KubernetesClient client;

  MockCluster(Path root) throws IOException {
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    try (var crds = Files.list(root.resolve("kubernetes/crds"))) {
      for (Path file : crds.sorted().toList()) {
        try (InputStream crd = Files.newInputStream(file)) {
          client.resource(Serialization.unmarshal(crd, CustomResourceDefinition.class)).create();
        }
      }
    }
  }

  KubernetesClient client() {
    return client;
  }

  String url() {
    return client.getConfiguration().getMasterUrl();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
