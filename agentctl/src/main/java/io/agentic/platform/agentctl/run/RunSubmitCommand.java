package io.agentic.platform.agentctl.run;

import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.DurationConverter;
import io.agentic.platform.agentctl.cli.ExitCodes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Creates an AgentRun (runtime job) and, unless --no-wait, waits until it has succeeded or"
          + " failed, then prints its output (or why it failed).",
      "The cluster is the one kubectl would use: --kubeconfig, else KUBECONFIG, else"
          + " ~/.kube/config, else the pod's service account."
    })
public class RunSubmitCommand implements Callable<Integer> {

  static final ResourceDefinitionContext AGENT_RUNS =
      new ResourceDefinitionContext.Builder()
          .withGroup("platform.bizmatters.io")
          .withVersion("v1alpha1")
          .withKind("AgentRun")
          .withPlural("agentruns")
          .withNamespaced(true)
          .build();

  @Spec CommandSpec spec;

  @Option(names = "--agent", required = true, description = "the agent profile to run")
  String agent;

  @Option(
      names = {"-m", "--message"},
      required = true,
      description = "a user message (repeat for several; {{parameters.<key>}} is filled in)")
  List<String> messages;

  @Option(names = "--system", description = "a system message put before the user messages")
  String system;

  @Option(names = "--param", description = "a parameter key=value (repeatable)")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--name", description = "the AgentRun's name (default: generated from --agent)")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      description = "the namespace (default: the kube context's)")
  String namespace;

  @Option(names = "--llm-keys-secret", description = "Secret with the LLM keys (default llm-keys)")
  String llmKeysSecret;

  @Option(names = "--image", description = "runner image (default: the platform's)")
  String image;

  @Option(names = "--kubeconfig", description = "kubeconfig file (default: as kubectl finds it)")
  Path kubeconfig;

  @Option(names = "--no-wait", description = "print the AgentRun's name and return at once")
  boolean noWait;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "how long to wait for the run (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Override
  public Integer call() {
    try (KubernetesClient client = client()) {
      String ns = namespace != null ? namespace : defaultNamespace(client);
      GenericKubernetesResource created;
      try {
        created =
            client
                .genericKubernetesResources(AGENT_RUNS)
                .inNamespace(ns)
                .resource(agentRun(ns))
                .create();
      } catch (KubernetesClientException e) {
        throw refused(e, ns);
      }
      String runName = created.getMetadata().getName();
      PrintWriter out = spec.commandLine().getOut();
      if (noWait) {
        out.println(runName);
        return ExitCodes.OK;
      }
      return RunWaiter.await(client, ns, runName, timeout, out);
    }
  }

  private KubernetesClient client() {
    Config config;
    if (kubeconfig != null) {
      try {
        config = Config.fromKubeconfig(Files.readString(kubeconfig));
      } catch (IOException | RuntimeException e) {
        throw CliFailure.usage("--kubeconfig " + kubeconfig + " cannot be read as a kubeconfig");
      }
    } else {
      config = Config.autoConfigure(null);
    }
    // One quick answer matters more than the client's default retries against a cluster that is
    // not there.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(10_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String defaultNamespace(KubernetesClient client) {
    String ns = client.getConfiguration().getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  private GenericKubernetesResource agentRun(String ns) {
    List<Map<String, String>> msgs = new ArrayList<>();
    if (system != null) {
      msgs.add(Map.of("role", "system", "content", system));
    }
    messages.forEach(m -> msgs.add(Map.of("role", "user", "content", m)));
    Map<String, Object> runSpec = new LinkedHashMap<>();
    runSpec.put("runtime", Map.of("type", "job"));
    runSpec.put("agent", agent);
    runSpec.put("input", Map.of("messages", msgs));
    if (!parameters.isEmpty()) {
      runSpec.put("parameters", parameters);
    }
    if (llmKeysSecret != null) {
      runSpec.put("llmKeysSecret", llmKeysSecret);
    }
    if (image != null) {
      runSpec.put("workload", Map.of("image", image));
    }
    ObjectMetaBuilder metadata = new ObjectMetaBuilder().withNamespace(ns);
    if (name != null) {
      metadata.withName(name);
    } else {
      metadata.withGenerateName(agent.toLowerCase().replaceAll("[^a-z0-9-]", "-") + "-");
    }
    GenericKubernetesResource run = new GenericKubernetesResource();
    run.setApiVersion("platform.bizmatters.io/v1alpha1");
    run.setKind("AgentRun");
    run.setMetadata(metadata.build());
    run.setAdditionalProperty("spec", runSpec);
    return run;
  }

  private static CliFailure refused(KubernetesClientException e, String ns) {
    if (unreachable(e)) {
      return CliFailure.unavailable("cannot reach the Kubernetes API: " + rootMessage(e));
    }
    if (e.getCode() == 404) {
      return new CliFailure(
          ExitCodes.NOT_SUCCEEDED,
          "the cluster has no AgentRun resource (is the platform's CRD installed?)");
    }
    String reason =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return new CliFailure(
        ExitCodes.NOT_SUCCEEDED, "the API server refused the AgentRun in " + ns + ": " + reason);
  }

  /** No HTTP answer at all: the connection failed (refused, unknown host, TLS, timeout). */
  static boolean unreachable(KubernetesClientException e) {
    return e.getCode() <= 0;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
