package io.agentic.platform.agentctl.token;

import io.agentic.platform.agentctl.cli.CliFailure;
import io.agentic.platform.agentctl.cli.DurationConverter;
import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Mints a scoped sandbox-router token (the router's scoped auth mode) and prints it.",
      "The router's key comes from the environment (ROUTER_AUTH_SCOPED_KEY) or --key-file, never"
          + " from the command line, where other users of the machine could read it.",
      "The token names the key's id (--key-id), so the router can rotate keys; its lifetime is at"
          + " most the router's default maximum of 24 h."
    })
public class TokenCommand implements Callable<Integer> {

  static final String KEY_VARIABLE = "ROUTER_AUTH_SCOPED_KEY";
  static final String KEY_ID_VARIABLE = "ROUTER_AUTH_SCOPED_KEY_ID";

  @Spec CommandSpec spec;

  @Option(names = "--namespace", required = true, description = "the sandbox's namespace")
  String namespace;

  @Option(
      names = "--sandbox",
      required = true,
      description = "the sandbox id, or * for every sandbox of the namespace")
  String sandbox;

  @Option(
      names = "--ttl",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "how long the token is valid (default ${DEFAULT-VALUE})")
  Duration ttl;

  @Option(names = "--key-file", description = "a file holding the router's key")
  Path keyFile;

  @Option(
      names = "--key-id",
      defaultValue = "${env:" + KEY_ID_VARIABLE + ":-" + ScopedTokenKey.DEFAULT_ID + "}",
      description =
          "the id the router knows the key by (router.auth.scoped-key-id; env "
              + KEY_ID_VARIABLE
              + ", default ${DEFAULT-VALUE})")
  String keyId;

  @Override
  public Integer call() {
    ScopedTokenKey key = key();
    try {
      ScopedToken token =
          ScopedToken.issue(
              namespace, sandbox, ttl, ScopedToken.DEFAULT_MAX_LIFETIME, Instant.now());
      spec.commandLine().getOut().println(token.mint(key));
      return 0;
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(e.getMessage());
    }
  }

  private ScopedTokenKey key() {
    String text;
    String source;
    if (keyFile != null) {
      source = "--key-file " + keyFile;
      try {
        text = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw CliFailure.usage(source + " cannot be read");
      }
    } else {
      source = KEY_VARIABLE;
      text = System.getenv(KEY_VARIABLE);
      if (text == null) {
        throw CliFailure.usage("set " + KEY_VARIABLE + " or --key-file to the router's key");
      }
    }
    // The key alone first, under an id known to be valid, so the message says which one is wrong.
    try {
      ScopedTokenKey.of(ScopedTokenKey.DEFAULT_ID, text);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(
          source + " must hold the router's key (at least " + ScopedTokenKey.MIN_BYTES + " bytes)");
    }
    try {
      return ScopedTokenKey.of(keyId, text);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("--key-id: " + e.getMessage());
    }
  }
}
