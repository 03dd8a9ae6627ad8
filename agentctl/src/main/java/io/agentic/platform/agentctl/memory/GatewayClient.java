package io.agentic.platform.agentctl.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** One JSON call to the memory-gateway's API; a refusal becomes one line with its detail. */
final class GatewayClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(70); // the gateway's own is 60 s

  private final GatewayOptions options;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GatewayClient(GatewayOptions options, ObjectMapper json) {
    this.options = options;
    this.json = json;
  }

  JsonNode post(String path, JsonNode body) throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(options.base().resolve(options.base().getPath() + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    Optional<String> token = options.token();
    if (token.isPresent()) {
      request.header("Authorization", "Bearer " + token.get());
    } else {
      String tenant =
          options
              .tenant()
              .orElseThrow(
                  () ->
                      CliFailure.usage(
                          "give --tenant (development mode) or a token (MEMORY_GATEWAY_TOKEN,"
                              + " --token-file)"));
      request.header("X-Tenant-ID", tenant);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw CliFailure.unavailable(
          "cannot reach the memory-gateway at " + options.url() + " (" + describe(e) + ")");
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() >= 400) {
      throw new CliFailure(ExitCodes.NOT_SUCCEEDED, refusal(response.statusCode(), answer));
    }
    return answer;
  }

  private JsonNode parse(String body) {
    try {
      return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  private static String refusal(int status, JsonNode problem) {
    String type = problem.path("type").asText("");
    String kind = type.isEmpty() ? "" : " " + type.substring(type.lastIndexOf('/') + 1);
    String detail = problem.path("detail").asText(problem.path("title").asText("no detail"));
    return "the memory-gateway answered " + status + kind + ": " + detail;
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
