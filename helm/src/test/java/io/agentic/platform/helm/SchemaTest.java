package io.agentic.platform.helm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json rejects what the services would misread, naming the offending value. */
class SchemaTest {

  /**
   * Every key of values.yaml is described by the schema, with a description, and every object the
   * chart defines refuses unknown keys. Free-form Kubernetes maps (nodeSelector, labels, ...) are
   * leaves.
   */
  @Test
  void schemaCoversEveryValue() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode values = yaml.readTree(Chart.CHART.resolve("values.yaml").toFile());
    JsonNode schema =
        new ObjectMapper().readTree(Chart.CHART.resolve("values.schema.json").toFile());
    List<String> problems = new ArrayList<>();
    check(values, schema, "", problems);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
    if (!path.isEmpty() && !schema.has("description")) {
      problems.add(path + ": no description");
    }
    if (!value.isObject() || !schema.has("properties")) {
      return;
    }
    if (!schema.path("additionalProperties").isBoolean()
        || schema.path("additionalProperties").asBoolean()) {
      problems.add(path + ": accepts unknown keys");
    }
    value
        .fieldNames()
        .forEachRemaining(
            key -> {
              JsonNode property = schema.get("properties").get(key);
              if (property == null) {
                problems.add(path + "." + key + ": not in the schema");
              } else {
                check(value.get(key), property, path + "." + key, problems);
              }
            });
  }

  /** The executor, tenant and API-server values accept what their descriptions promise. */
  @Test
  void executorTenantAndApiServerValuesOfTheRightShapeAreAccepted() {
    Chart.render(
        "controller.defaultWorkload.nodeSelector", Map.of("pool", "agents"),
        "controller.defaultWorkload.tolerations",
            List.of(Map.of("key", "workload", "operator", "Exists")),
        "controller.defaultWorkload.affinity", Map.of(),
        "controller.defaultWorkload.priorityClassName", "agents",
        "controller.tenantNetwork.ingressFrom", List.of(),
        "controller.tenantNetwork.egress",
            List.of(Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "10.0.0.0/8"))))),
        "networkPolicy.apiServer.cidrs", List.of("10.0.0.1/32", "fd00::1/128"),
        "networkPolicy.apiServer.ports", List.of(6443));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // key | value | what the message must name
        "controller.replica | 2 | additional properties 'replica' not allowed",
        "sandboxRouter.auth.mod | token | additional properties 'mod' not allowed",
        "networkPolicy.enable | true | additional properties 'enable' not allowed",
        "sandboxRouter.auth.mode | open | /sandboxRouter/auth/mode",
        "sandboxRouter.sandboxes.verify | yes | /sandboxRouter/sandboxes/verify",
        "memoryGateway.evermemos.apiVersion | v2 | /memoryGateway/evermemos/apiVersion",
        "otelBridge.destination.compression | zstd | /otelBridge/destination/compression",
        "controller.logLevel | LOUD | /controller/logLevel",
        "controller.replicas | many | /controller/replicas",
        "controller.image.pullPolicy | Sometimes | /controller/image/pullPolicy",
        "controller.image.digest | latest | /controller/image/digest",
        "controller.namespaces | {Team_A} | /controller/namespaces/0",
        "sandboxRouter.allowedPorts | {70000} | /sandboxRouter/allowedPorts/0",
        "sandboxRouter.resources.limits.memory | lots | /sandboxRouter/resources/limits/memory",
        "otelBridge.batch.timeout | 5 seconds | /otelBridge/batch/timeout",
        "otelBridge.batch.maxItems | 512 | additional properties 'maxItems' not allowed",
        "otelBridge.receiver.maxBodySize | 4 MiB | /otelBridge/receiver/maxBodySize",
        "otelBridge.receiver.maxConcurrentRequests | 0 | /otelBridge/receiver/maxConcurrentRequests",
        "memoryGateway.evermemos.url | evermemos:1995 | /memoryGateway/evermemos/url",
        "controller.defaultWorkload.nodeSelector | {node-role} | /controller/defaultWorkload/nodeSelector",
        "controller.defaultWorkload.tolerations | NoSchedule | /controller/defaultWorkload/tolerations",
        "controller.defaultWorkload.affinity | {zone-a} | /controller/defaultWorkload/affinity",
        "controller.defaultWorkload.priorityClassName | 1000 | /controller/defaultWorkload/priorityClassName",
        "controller.defaultWorkload.nodeSelectors | x | additional properties 'nodeSelectors' not allowed",
        "controller.tenantNetwork.ingressFrom | agentgateway-system | /controller/tenantNetwork/ingressFrom",
        "controller.tenantNetwork.egress | {nats} | /controller/tenantNetwork/egress/0",
        "controller.tenantNetwork.dnsTo | x | additional properties 'dnsTo' not allowed",
        "networkPolicy.apiServer.cidrs | {10.0.0.1} | /networkPolicy/apiServer/cidrs/0",
        "networkPolicy.apiServer.cidrs | 10.0.0.1/32 | /networkPolicy/apiServer/cidrs",
      })
  void invalidValuesFailWithAMessageNamingThem(String key, String value, String message) {
    Object typed = value;
    if (value.startsWith("{")) {
      typed = List.of(value.substring(1, value.length() - 1).split(","));
      if (value.matches("\\{[0-9]+}")) {
        typed = List.of(Integer.parseInt(value.substring(1, value.length() - 1)));
      }
    } else if (value.matches("[0-9]+")) {
      typed = Integer.parseInt(value);
    }
    Object rendered = typed;
    Exception failure = assertThrows(Exception.class, () -> Chart.render(key, rendered));
    assertTrue(
        failure.getMessage().contains("values don't meet the specifications of the schema"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains(message), failure.getMessage());
  }
}
