package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * helm lint, and the copies that must never drift: the CRDs, the examples and the rendered install
 * manifest.
 */
class SyncTest {

  static final Path INSTALL = Chart.ROOT.resolve("kubernetes/install.yaml");

  @Test
  void lintsStrictly() {
    long start = System.nanoTime();
    LintResult result = new Helm(Chart.CHART).lint().strict().call();
    System.out.printf("helm lint --strict: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    assertFalse(result.isFailed(), result.getMessages().toString());
    assertTrue(
        result.getMessages().stream()
            .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]")),
        result.getMessages().toString());
  }

  @Test
  void chartCrdsEqualTheGeneratedOnes() throws IOException {
    assertSameFiles(Chart.ROOT.resolve("kubernetes/crds"), Chart.CHART.resolve("crds"));
    Path generated = Chart.ROOT.resolve("controller/target/kubernetes");
    for (String name :
        List.of(
            "agentexecutors.platform.bizmatters.io-v1.yml",
            "tenants.platform.bizmatters.io-v1.yml")) {
      Path crd = generated.resolve(name);
      Assumptions.assumeTrue(Files.exists(crd), "controller not built");
      assertArrayEquals(
          Files.readAllBytes(crd),
          Files.readAllBytes(Chart.CHART.resolve("crds").resolve(crd.getFileName())),
          "helm/agentic-platform/crds/"
              + name
              + " differs from the controller's generated CRD; copy it");
    }
  }

  @Test
  void chartExamplesEqualTheKubernetesExamples() throws IOException {
    for (String example : List.of("agentexecutor.yaml", "secrets.yaml")) {
      assertArrayEquals(
          Files.readAllBytes(Chart.ROOT.resolve("kubernetes/examples").resolve(example)),
          Files.readAllBytes(Chart.CHART.resolve("examples").resolve(example)),
          example);
    }
  }

  /** The example Tenant fits its CRD's schema: cluster-scoped, only known spec fields. */
  @Test
  @SuppressWarnings("unchecked")
  void theExampleTenantFitsTheCrdSchema() {
    CustomResourceDefinition crd =
        Chart.parseOne(
            Chart.CHART.resolve("crds/tenants.platform.bizmatters.io-v1.yml"),
            CustomResourceDefinition.class);
    assertEquals("Cluster", crd.getSpec().getScope());
    var version = crd.getSpec().getVersions().get(0);
    var specSchema = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    GenericKubernetesResource tenant =
        (GenericKubernetesResource)
            Chart.parse(Chart.read(Chart.ROOT.resolve("kubernetes/examples/tenant.yaml"))).get(0);
    assertEquals(crd.getSpec().getNames().getKind(), tenant.getKind());
    assertEquals(crd.getSpec().getGroup() + "/" + version.getName(), tenant.getApiVersion());
    Map<String, Object> spec = (Map<String, Object>) tenant.getAdditionalProperties().get("spec");
    assertTrue(
        specSchema.getProperties().keySet().containsAll(spec.keySet()),
        "unknown fields: " + spec.keySet());
    Map<String, Object> limits = (Map<String, Object>) spec.get("limits");
    assertTrue(
        specSchema
            .getProperties()
            .get("limits")
            .getProperties()
            .keySet()
            .containsAll(limits.keySet()),
        "unknown limits fields: " + limits.keySet());
  }

  /**
   * The example AgentRuns fit the CRD's schema: known spec fields, required ones, known runtimes.
   */
  @Test
  @SuppressWarnings("unchecked")
  void exampleAgentRunsFitTheCrdSchema() {
    CustomResourceDefinition crd =
        Chart.parseOne(
            Chart.CHART.resolve("crds/agentruns.platform.bizmatters.io-v1.yml"),
            CustomResourceDefinition.class);
    var version = crd.getSpec().getVersions().get(0);
    var specSchema = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    for (String example : List.of("agentrun-job.yaml", "agentrun-workflow.yaml")) {
      Path file = Chart.ROOT.resolve("kubernetes/examples/" + example);
      GenericKubernetesResource run =
          Chart.parse(Chart.read(file)).stream()
              .filter(o -> "AgentRun".equals(o.getKind()))
              .map(GenericKubernetesResource.class::cast)
              .findFirst()
              .orElseThrow();
      assertEquals(crd.getSpec().getGroup() + "/" + version.getName(), run.getApiVersion());
      Map<String, Object> spec = (Map<String, Object>) run.getAdditionalProperties().get("spec");
      assertTrue(
          specSchema.getProperties().keySet().containsAll(spec.keySet()),
          example + ": unknown fields: " + spec.keySet());
      assertTrue(spec.keySet().containsAll(specSchema.getRequired()), example);
      var runtime = specSchema.getProperties().get("runtime").getProperties().get("type");
      Object type = ((Map<String, Object>) spec.get("runtime")).get("type");
      assertTrue(runtime.getEnum().toString().contains(String.valueOf(type)), example);
      if ("workflow".equals(type)) {
        var stepSchema =
            specSchema
                .getProperties()
                .get("workflow")
                .getProperties()
                .get("steps")
                .getItems()
                .getSchema();
        for (Map<String, Object> step :
            (List<Map<String, Object>>) ((Map<String, Object>) spec.get("workflow")).get("steps")) {
          assertTrue(
              stepSchema.getProperties().keySet().containsAll(step.keySet()), example + step);
        }
      }
    }
  }

  /**
   * The example AgentExecutors fit the CRD's schema: only known spec fields, every required one,
   * enums respected.
   */
  @Test
  @SuppressWarnings("unchecked")
  void exampleAgentExecutorsFitTheCrdSchema() {
    CustomResourceDefinition crd =
        Chart.parseOne(
            Chart.CHART.resolve("crds/agentexecutors.platform.bizmatters.io-v1.yml"),
            CustomResourceDefinition.class);
    var version = crd.getSpec().getVersions().get(0);
    var specSchema = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    for (Path file :
        List.of(
            Chart.CHART.resolve("examples/agentexecutor.yaml"),
            Chart.ROOT.resolve("kubernetes/examples/agentexecutor-nats-credentials.yaml"),
            Chart.ROOT.resolve("kubernetes/examples/agentexecutor-platform-wired.yaml"))) {
      List<GenericKubernetesResource> executors =
          Chart.parse(Chart.read(file)).stream()
              .filter(o -> crd.getSpec().getNames().getKind().equals(o.getKind()))
              .map(GenericKubernetesResource.class::cast)
              .toList();
      assertEquals(1, executors.size(), file.toString());
      GenericKubernetesResource executor = executors.get(0);
      assertEquals(crd.getSpec().getGroup() + "/" + version.getName(), executor.getApiVersion());
      Map<String, Object> spec =
          (Map<String, Object>) executor.getAdditionalProperties().get("spec");
      assertTrue(
          specSchema.getProperties().keySet().containsAll(spec.keySet()),
          file + ": unknown fields: " + spec.keySet());
      assertTrue(
          spec.keySet().containsAll(specSchema.getRequired()),
          file + ": " + specSchema.getRequired());
      var size = specSchema.getProperties().get("size");
      if (size.getEnum() != null && !size.getEnum().isEmpty()) {
        assertTrue(size.getEnum().toString().contains(String.valueOf(spec.get("size"))));
      }
    }
  }

  /** The stream set-up Job creates the stream the example AgentExecutor consumes, restricted. */
  @Test
  void natsStreamSetupJobMatchesTheExample() {
    Job job =
        Chart.parseOne(Chart.ROOT.resolve("kubernetes/examples/nats-stream-setup.yaml"), Job.class);
    GenericKubernetesResource executor =
        Chart.parseOne(
            Chart.ROOT.resolve("kubernetes/examples/agentexecutor.yaml"),
            GenericKubernetesResource.class);
    Map<String, Object> spec = executor.get("spec");
    assertEquals(executor.getMetadata().getNamespace(), job.getMetadata().getNamespace());
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = new java.util.HashMap<>();
    container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    assertEquals(spec.get("natsStreamName"), env.get("STREAM"));
    assertEquals(spec.get("natsUrl"), env.get("NATS_URL"));
    assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    assertEquals(
        Boolean.TRUE, job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
  }

  /**
   * What install.yaml sets besides the defaults. The API server's address belongs to the cluster
   * and a static manifest cannot look it up: refusing to render would leave no manifest, and any
   * one cluster's address would cut every other cluster's controller off from its API. So the
   * manifest allows the API server's ports (443, 6443) to any address, says so in its header, and
   * keeps every other rule of the NetworkPolicies.
   */
  static final Map<String, Object> INSTALL_VALUES =
      Map.of("networkPolicy.apiServer.cidrs", List.of("0.0.0.0/0"));

  /**
   * kubernetes/install.yaml is the chart rendered with default values but {@link #INSTALL_VALUES}
   * (CRDs first), so users without Helm install what the chart installs. {@code
   * -Dhelm.regenerate=true} rewrites it instead of failing.
   */
  @Test
  void installManifestEqualsAFreshRender() throws IOException {
    long start = System.nanoTime();
    String rendered = Chart.template(INSTALL_VALUES);
    System.out.printf(
        "helm template (defaults): %d ms, %d objects%n",
        (System.nanoTime() - start) / 1_000_000, Chart.parse(rendered).size());
    String expected = installManifest(rendered);
    if (Boolean.getBoolean("helm.regenerate")) {
      Files.writeString(INSTALL, expected);
    }
    assertTrue(
        Files.exists(INSTALL),
        "kubernetes/install.yaml is missing; run with -Dhelm.regenerate=true");
    assertEquals(
        expected,
        Files.readString(INSTALL),
        "kubernetes/install.yaml is stale; regenerate it with helm/regenerate-install.sh");
  }

  static String installManifest(String rendered) throws IOException {
    StringBuilder manifest = new StringBuilder();
    manifest
        .append(
            "# The agentic-platform chart (helm/agentic-platform) rendered with default values, for\n")
        .append(
            "# clusters without Helm. Generated: do not edit; regenerate with helm/regenerate-install.sh.\n")
        .append("#   kubectl create namespace ")
        .append(Chart.NAMESPACE)
        .append('\n')
        .append("#   kubectl apply --server-side -f kubernetes/install.yaml\n")
        .append(
            "# One value differs: the NetworkPolicies of the controller and the sandbox router allow the\n")
        .append(
            "# API server's ports (443, 6443) to any address (networkPolicy.apiServer.cidrs=0.0.0.0/0),\n")
        .append(
            "# as the API server's address depends on the cluster. Narrow the \"Kubernetes API server\"\n")
        .append(
            "# rule of both to the addresses of `kubectl get endpoints kubernetes -n default` (/32\n")
        .append("# each, with their ports); Helm installs look them up.\n");
    try (Stream<Path> crds = Files.list(Chart.CHART.resolve("crds"))) {
      for (Path crd : crds.sorted().toList()) {
        manifest.append("---\n").append(Files.readString(crd));
      }
    }
    manifest.append(rendered.strip()).append('\n');
    return manifest.toString();
  }

  private static void assertSameFiles(Path expected, Path actual) throws IOException {
    List<Path> expectedFiles;
    List<Path> actualFiles;
    try (Stream<Path> e = Files.list(expected);
        Stream<Path> a = Files.list(actual)) {
      expectedFiles = e.map(Path::getFileName).sorted().toList();
      actualFiles = a.map(Path::getFileName).sorted().toList();
    }
    assertEquals(expectedFiles, actualFiles);
    for (Path file : expectedFiles) {
      assertArrayEquals(
          Files.readAllBytes(expected.resolve(file)),
          Files.readAllBytes(actual.resolve(file)),
          file.toString());
    }
  }
}
