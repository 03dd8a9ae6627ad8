package io.agentic.platform.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API server that knows what the chart's lookups ask for: API discovery and the {@code
 * kubernetes} EndpointSlice and Endpoints in {@code default}. Anything else is 404.
 */
final class FakeApiServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> objects = new LinkedHashMap<>();
  private final HttpServer server;

  private FakeApiServer() {
    objects.put("/api/v1", resources("v1", "endpoints", "Endpoints"));
    objects.put(
        "/apis/discovery.k8s.io/v1",
        resources("discovery.k8s.io/v1", "endpointslices", "EndpointSlice"));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.start();
  }

  /** A cluster whose API server publishes neither an EndpointSlice nor Endpoints. */
  static FakeApiServer withoutEndpoints() {
    return new FakeApiServer();
  }

  /** A current cluster: the API server's addresses in the {@code kubernetes} EndpointSlice. */
  static FakeApiServer withEndpointSlice(List<String> addresses, int port) {
    FakeApiServer server = new FakeApiServer();
    server.objects.put(
        "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes",
        Map.of(
            "apiVersion",
            "discovery.k8s.io/v1",
            "kind",
            "EndpointSlice",
            "metadata",
            Map.of("name", "kubernetes", "namespace", "default"),
            "addressType",
            "IPv4",
            "endpoints",
            addresses.stream().map(a -> Map.of("addresses", List.of(a))).toList(),
            "ports",
            List.of(Map.of("name", "https", "port", port, "protocol", "TCP"))));
    return server;
  }

  /** A cluster that publishes the API server's addresses in the Endpoints object only. */
  static FakeApiServer withEndpointsOnly(List<String> addresses, int port) {
    FakeApiServer server = new FakeApiServer();
    server.objects.put(
        "/api/v1/namespaces/default/endpoints/kubernetes",
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Endpoints",
            "metadata",
            Map.of("name", "kubernetes", "namespace", "default"),
            "subsets",
            List.of(
                Map.of(
                    "addresses", addresses.stream().map(a -> Map.of("ip", a)).toList(),
                    "ports", List.of(Map.of("name", "https", "port", port, "protocol", "TCP"))))));
    return server;
  }

  /** A kubeconfig whose current context is this server, without credentials. */
  String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: fake
            cluster:
              server: http://127.0.0.1:%d
        contexts:
          - name: fake
            context:
              cluster: fake
              user: anonymous
        current-context: fake
        users:
          - name: anonymous
            user: {}
        """
        .formatted(server.getAddress().getPort());
  }

  private void answer(HttpExchange exchange) throws IOException {
    Object object = objects.get(exchange.getRequestURI().getPath());
    int status = object == null ? 404 : 200;
    if (object == null) {
      object =
          Map.of(
              "apiVersion", "v1",
              "kind", "Status",
              "status", "Failure",
              "reason", "NotFound",
              "code", 404);
    }
    byte[] body = JSON.writeValueAsBytes(object);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, Object> resources(String groupVersion, String name, String kind) {
    return Map.of(
        "apiVersion",
        "v1",
        "kind",
        "APIResourceList",
        "groupVersion",
        groupVersion,
        "resources",
        List.of(
            Map.of(
                "name",
                name,
                "namespaced",
                true,
                "kind",
                kind,
                "verbs",
                List.of("get", "list", "watch"))));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
