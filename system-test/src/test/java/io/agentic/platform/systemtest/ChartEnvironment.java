package io.agentic.platform.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the chart gives a service's container, read from kubernetes/install.yaml (the
 * chart rendered with its defaults, kept equal to a fresh render by the chart's tests): the plain
 * values only, since values from Secrets exist only in a cluster. The suite starts a service with
 * these and then its own settings (ports, the local stand-ins), so a default the chart sets that
 * the service would refuse or ignore fails here.
 */
final class ChartEnvironment {

  private ChartEnvironment() {}

  static Map<String, String> of(Path root, String component) {
    String deployment = "agentic-platform-" + component;
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (YAMLParser parser =
        new YAMLFactory().createParser(root.resolve("kubernetes/install.yaml").toFile())) {
      for (JsonNode object : yaml.readValues(parser, JsonNode.class).readAll()) {
        if ("Deployment".equals(object.path("kind").asText())
            && deployment.equals(object.path("metadata").path("name").asText())) {
          Map<String, String> env = new LinkedHashMap<>();
          for (JsonNode variable : object.at("/spec/template/spec/containers/0/env")) {
            if (variable.has("value")) {
              env.put(variable.get("name").asText(), variable.get("value").asText());
            }
          }
          return env;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("kubernetes/install.yaml has no Deployment " + deployment);
  }
}
