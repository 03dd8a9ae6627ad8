package io.agentic.platform.controller;

import io.agentic.platform.controller.crd.v1alpha1.AgentExecutor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The documents under kubernetes/examples, read as the tests' input so they stay correct. */
public final class Examples {

  public static final Path DIR = Path.of("..", "kubernetes", "examples");

  private Examples() {}

  /** The platform API document's consumer example, verbatim. */
  public static AgentExecutor consumerExample() {
    return read("agentexecutor.yaml", AgentExecutor.class);
  }

  public static String consumerExampleYaml() {
    try {
      return Files.readString(DIR.resolve("agentexecutor.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its three Secrets with placeholder values. */
  public static List<Secret> secrets() {
    try (InputStream in = Files.newInputStream(DIR.resolve("secrets.yaml"))) {
      List<HasMetadata> items = Serialization.unmarshal(in);
      return items.stream().map(Secret.class::cast).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An AgentExecutor with NATS credentials, and their Secret (placeholder values). */
  public static AgentExecutor natsCredentialsExample() {
    HasMetadata executor =
        natsCredentialsDocuments().stream()
            .filter(r -> "AgentExecutor".equals(r.getKind()))
            .findFirst()
            .orElseThrow();
    // A list is read without knowing the custom kind; read it again as the typed resource.
    return executor instanceof AgentExecutor typed
        ? typed
        : Serialization.unmarshal(Serialization.asYaml(executor), AgentExecutor.class);
  }

  public static Secret natsCredentialsSecret() {
    return natsCredentialsDocuments().stream()
        .filter(Secret.class::isInstance)
        .map(Secret.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static List<HasMetadata> natsCredentialsDocuments() {
    return documents("agentexecutor-nats-credentials.yaml");
  }

  /** The AgentExecutor wired into the platform (profiles, memory, scheduling) and its objects. */
  public static List<HasMetadata> platformWiredDocuments() {
    return documents("agentexecutor-platform-wired.yaml");
  }

  /** The AgentExecutor of {@link #platformWiredDocuments()}, typed. */
  public static AgentExecutor platformWiredExample() {
    HasMetadata executor =
        platformWiredDocuments().stream()
            .filter(r -> "AgentExecutor".equals(r.getKind()))
            .findFirst()
            .orElseThrow();
    return executor instanceof AgentExecutor typed
        ? typed
        : Serialization.unmarshal(Serialization.asYaml(executor), AgentExecutor.class);
  }

  /** The annotated Agent and agentgateway backends that get routes, as unstructured objects. */
  public static List<GenericKubernetesResource> exposedSources() {
    return documents("exposed-sources.yaml").stream()
        .map(o -> Serialization.unmarshal(Serialization.asJson(o), GenericKubernetesResource.class))
        .toList();
  }

  private static List<HasMetadata> documents(String file) {
    try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
      return Serialization.unmarshal(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(String file, Class<T> type) {
    try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
      return Serialization.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
