package io.agentic.platform.agentctl.memory;

import io.agentic.platform.agentctl.cli.CliFailure;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the memory-gateway is and how this client identifies its tenant to it. */
public class GatewayOptions {

  @Option(
      names = "--gateway",
      defaultValue = "${env:MEMORY_GATEWAY_URL:-http://127.0.0.1:8380}",
      description = "memory-gateway base URL (env MEMORY_GATEWAY_URL; default ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--token-file",
      description =
          "a file holding the bearer token (default: env MEMORY_GATEWAY_TOKEN); without a token"
              + " the tenant is sent as X-Tenant-ID, which only a gateway in development mode"
              + " accepts")
  Path tokenFile;

  @Option(
      names = "--tenant",
      description = "the tenant, sent as X-Tenant-ID when there is no token (development mode)")
  String tenant;

  URI base() {
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not http or https");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("--gateway '" + url + "' is not an http(s) URL");
    }
  }

  Optional<String> token() {
    if (tokenFile != null) {
      try {
        return Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw CliFailure.usage("--token-file " + tokenFile + " cannot be read");
      }
    }
    return Optional.ofNullable(System.getenv("MEMORY_GATEWAY_TOKEN")).filter(t -> !t.isBlank());
  }

  Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  String url() {
    return url;
  }
}
