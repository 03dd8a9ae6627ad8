package io.agentic.platform.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders the chart with real Helm (helm-java) and parses what it renders with fabric8. */
final class Chart {

  static final String RELEASE = "agentic-platform";
  static final String NAMESPACE = "agentic-platform";

  /** helm-java renders for Kubernetes 1.20 unless told otherwise, below the chart's kubeVersion. */
  static final String KUBE_VERSION = "1.30.0";

  /**
   * Where the API server of the cluster the tests render for listens (kind's control plane). {@code
   * helm template} has no cluster to look it up in, so {@link #render} names it unless a test sets
   * networkPolicy.apiServer.cidrs itself; with none the chart refuses to render.
   */
  static final String API_SERVER_CIDR = "172.18.0.2/32";

  static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("helm/agentic-platform");

  /** Writes the values files; what Helm renders is read by fabric8 only. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Chart() {}

  /**
   * The raw output of {@code helm template} with the given values, keyed by dotted path (e.g.
   * "controller.namespaces" to a List). They are written to a values file, so lists, maps and
   * booleans keep their types.
   */
  static String template(Map<String, Object> values) {
    TemplateCommand command =
        new Helm(CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    if (!values.isEmpty()) {
      command = command.withValuesFile(valuesFile(values));
    }
    return command.call();
  }

  /**
   * {@code helm install --dry-run} with the given values, as a user runs it. With a kubeconfig it
   * is {@code --dry-run=server}: the templates' lookups ask that API server. Without one it is the
   * client-side dry run, whose lookups find nothing, as in {@code helm template}. Nothing else
   * reaches a cluster (Helm's client-only mode) and nothing is created. Returns Helm's report,
   * NOTES included.
   */
  static String dryRunInstall(Map<String, Object> values, String kubeconfig) {
    InstallCommand command =
        new Helm(CHART)
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION)
            .clientOnly()
            .dryRun();
    command =
        kubeconfig == null
            ? command.withDryRunOption(DryRun.CLIENT)
            : command.withDryRunOption(DryRun.SERVER).withKubeConfigContents(kubeconfig);
    if (!values.isEmpty()) {
      command = command.withValuesFile(valuesFile(values));
    }
    return command.call().getOutput();
  }

  @SuppressWarnings("unchecked")
  private static Path valuesFile(Map<String, Object> values) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (Map.Entry<String, Object> value : values.entrySet()) {
      String[] keys = value.getKey().split("\\.");
      Map<String, Object> node = tree;
      for (int i = 0; i < keys.length - 1; i++) {
        node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<>());
      }
      node.put(keys[keys.length - 1], value.getValue());
    }
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      file.toFile().deleteOnExit();
      YAML.writeValue(file.toFile(), tree);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Renders and parses; the objects are typed where fabric8 knows the kind. The API server's
   * address is {@link #API_SERVER_CIDR} unless networkPolicy.apiServer.cidrs is among the values.
   */
  static Rendered render(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("networkPolicy.apiServer.cidrs", List.of(API_SERVER_CIDR));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Rendered(parse(template(values)));
  }

  /**
   * Every document of a (multi-document) manifest, unmarshalled by fabric8: a typed model object
   * (Deployment, Role, NetworkPolicy, HTTPRoute, ...) wherever fabric8 has one for the kind, a
   * {@link GenericKubernetesResource} otherwise (ServiceMonitor, AgentExecutor). Empty documents
   * are skipped.
   */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    collect(SERIALIZATION.unmarshal(yaml), objects);
    return objects;
  }

  /** fabric8 returns one object for a single document and a list for several. */
  private static void collect(Object parsed, List<HasMetadata> objects) {
    if (parsed == null) {
      return;
    }
    if (parsed instanceof List<?> documents) {
      documents.forEach(document -> collect(document, objects));
    } else if (parsed instanceof HasMetadata object) {
      objects.add(object);
    } else {
      throw new AssertionError("not a Kubernetes object: " + parsed);
    }
  }

  /** The single object of a one-document manifest file, of the given type. */
  static <T extends HasMetadata> T parseOne(Path file, Class<T> type) {
    List<HasMetadata> objects = parse(read(file));
    if (objects.size() != 1 || !type.isInstance(objects.get(0))) {
      throw new AssertionError(
          file + ": expected one " + type.getSimpleName() + ", found " + kindsAndNames(objects));
    }
    return type.cast(objects.get(0));
  }

  private static List<String> kindsAndNames(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects of one render. */
  record Rendered(List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Objects of a kind fabric8 has no model for (ServiceMonitor), as generic resources. */
    List<GenericKubernetesResource> generic(String kind) {
      return all(GenericKubernetesResource.class).stream()
          .filter(o -> kind.equals(o.getKind()))
          .toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
      return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
      return find(type, name)
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no " + type.getSimpleName() + " named " + name + " in " + this));
    }

    Deployment deployment(String component) {
      return get(Deployment.class, RELEASE + "-" + component);
    }

    Container container(String component) {
      return deployment(component).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    Map<String, String> env(String component) {
      Map<String, String> env = new LinkedHashMap<>();
      container(component)
          .getEnv()
          .forEach(
              e ->
                  env.put(
                      e.getName(),
                      e.getValue() != null
                          ? e.getValue()
                          : "secret:"
                              + e.getValueFrom().getSecretKeyRef().getName()
                              + "/"
                              + e.getValueFrom().getSecretKeyRef().getKey()));
      return env;
    }

    @Override
    public String toString() {
      return kindsAndNames(objects).toString();
    }
  }
}
