package io.agentic.platform.controller;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Prepares a mock server the way a cluster looks to the production controller: the CRDs from
 * kubernetes/crds are installed (by the chart, never by the controller), and the permission check
 * that leader election makes before using a Lease is answered as the controller's RBAC would answer
 * it (the mock server cannot evaluate RBAC itself).
 */
public class ProductionLikeCluster implements Consumer<KubernetesServer> {

  public static final Path CRDS = Path.of("..", "kubernetes", "crds");

  @Override
  public void accept(KubernetesServer server) {
    java.util.List<Path> crds;
    try (var files = Files.list(CRDS)) {
      crds = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path crd : crds) {
      try (InputStream in = Files.newInputStream(crd)) {
        server
            .getClient()
            .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
            .create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewSpec()
                .withNamespace("test")
                .endSpec()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
  }
}
