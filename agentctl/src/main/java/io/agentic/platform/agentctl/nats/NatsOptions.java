package io.agentic.platform.agentctl.nats;

import io.agentic.platform.agentctl.cli.CliFailure;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where NATS is and who we are to it; a mixin of every command that talks to NATS. */
public class NatsOptions {

  @Option(
      names = "--nats",
      defaultValue = "${env:NATS_URL:-nats://127.0.0.1:4222}",
      description = "NATS server URL(s), comma-separated (env NATS_URL; default ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--creds",
      defaultValue = "${env:NATS_CREDS}",
      description = "a NATS credentials file (JWT and NKey seed) (env NATS_CREDS)")
  Path creds;

  @Option(
      names = "--inbox-prefix",
      defaultValue = "${env:NATS_INBOX_PREFIX:-_INBOX}",
      description =
          "prefix of reply inboxes, e.g. _INBOX_<tenant> where NATS permissions give each tenant"
              + " its own (env NATS_INBOX_PREFIX; default ${DEFAULT-VALUE})")
  String inboxPrefix;

  /** A connection that is not re-established: for a command that does one thing and exits. */
  public Connection connect() throws InterruptedException {
    return connect(false);
  }

  /**
   * A connection; {@code keepReconnecting} for a command that follows a subject until it is
   * stopped, so a NATS restart does not end it.
   */
  public Connection connect(boolean keepReconnecting) throws InterruptedException {
    Options.Builder options = new Options.Builder();
    try {
      options.servers(url.split(","));
    } catch (IllegalArgumentException e) {
      // jnats wraps the URI's own complaint; its reason is what a user can act on.
      String reason =
          e.getCause() instanceof URISyntaxException invalid ? invalid.getReason() : e.getMessage();
      throw CliFailure.usage(
          "--nats '"
              + url
              + "' is not a NATS URL ("
              + reason
              + "); give nats://host:4222 or tls://host:4222, several comma-separated");
    }
    if (creds != null) {
      if (!Files.isReadable(creds)) {
        throw CliFailure.usage("--creds " + creds + " cannot be read");
      }
      options.authHandler(Nats.credentials(creds.toString()));
    }
    options
        .connectionName("agentctl")
        .inboxPrefix(inboxPrefix)
        .connectionTimeout(Duration.ofSeconds(3))
        .maxReconnects(keepReconnecting ? -1 : 0)
        .errorListener(new ErrorListener() {});
    try {
      return Nats.connect(options.build());
    } catch (IOException e) {
      throw CliFailure.unavailable("cannot reach NATS at " + url + " (" + e.getMessage() + ")");
    }
  }

  public String url() {
    return url;
  }
}
