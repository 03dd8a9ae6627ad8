package io.agentic.platform.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package, which scripts/test.sh installs) scraping
 * the suite every second, each target labelled with a namespace as in a cluster.
 */
final class Prometheus implements AutoCloseable {

  record Target(String job, int port, String path) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Process process;
  private final Path log;

  Prometheus(Path dir, int port, String namespace, List<Target> targets) throws IOException {
    this.port = port;
    Path config = dir.resolve("prometheus.yml");
    StringBuilder yaml =
        new StringBuilder("global: {scrape_interval: 1s, evaluation_interval: 1s}\n");
    yaml.append("scrape_configs:\n");
    for (Target t : targets) {
      yaml.append(
          String.format(
              "  - {job_name: %s, metrics_path: %s, static_configs: [{targets: [\"127.0.0.1:%d\"],"
                  + " labels: {namespace: %s}}]}%n",
              t.job(), t.path(), t.port(), namespace));
    }
    Files.writeString(config, yaml);
    Path data = dir.resolve("prometheus-data");
    this.log = dir.resolve("prometheus.log");
    this.process =
        new ProcessBuilder(
                binary(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
  }

  private static String binary() {
    for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "prometheus is not installed; scripts/test.sh installs Debian's prometheus package");
  }

  void waitUntilReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("Prometheus did not become ready; see " + log);
      }
      Thread.sleep(100);
    }
  }

  /** The series an instant PromQL query returns (an error answer fails the test). */
  JsonNode query(String promql) throws InterruptedException {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + port
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        throw new AssertionError("Prometheus refused " + promql + ": " + response.body());
      }
      return body.path("data").path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Scrape health of every target, job -> "up" or the last error. */
  JsonNode targets() throws InterruptedException {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/targets"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).path("data").path("activeTargets");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
