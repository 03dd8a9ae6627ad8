package io.agentic.platform.router.auth;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mints a scoped token with the key from {@code ROUTER_AUTH_SCOPED_KEY}. The key comes from the
 * environment rather than the command line, where other users of the machine could read it.
 */
public final class MintTokenCommand {

  public static final String NAME = "mint-token";
  static final String KEY_VARIABLE = "ROUTER_AUTH_SCOPED_KEY";
  private static final long DEFAULT_TTL_SECONDS = 3600;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private MintTokenCommand() {}

  /**
   * Returns the process exit code: 0 with the token on {@code out}, 2 with a reason on {@code err}.
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length < 3 || args.length > 4) {
      err.println(
          "usage: "
              + KEY_VARIABLE
              + "=<key> java -jar quarkus-run.jar "
              + NAME
              + " <namespace> <sandbox-id|*> [ttl-seconds, default "
              + DEFAULT_TTL_SECONDS
              + "]");
      return 2;
    }
    String key = env.get(KEY_VARIABLE);
    String namespace = args[1];
    String sandbox = args[2];
    String problem = null;
    if (key == null
        || key.getBytes(StandardCharsets.UTF_8).length < ScopedTokenAuthentication.MIN_KEY_BYTES) {
      problem =
          KEY_VARIABLE
              + " must hold the router's key (at least "
              + ScopedTokenAuthentication.MIN_KEY_BYTES
              + " bytes)";
    } else if (!LABEL.matcher(namespace).matches()) {
      problem = "namespace '" + namespace + "' is not a DNS-1123 label";
    } else if (!sandbox.equals(ScopedToken.ANY_SANDBOX) && !LABEL.matcher(sandbox).matches()) {
      problem =
          "sandbox '" + sandbox + "' is neither a DNS-1123 label nor " + ScopedToken.ANY_SANDBOX;
    } else if (args.length == 4 && !args[3].matches("[1-9][0-9]{0,9}")) {
      problem = "ttl '" + args[3] + "' is not a positive number of seconds";
    }
    if (problem != null) {
      err.println(problem);
      return 2;
    }
    long ttl = args.length == 4 ? Long.parseLong(args[3]) : DEFAULT_TTL_SECONDS;
    long expiresAt = Instant.now().getEpochSecond() + ttl;
    out.println(
        new ScopedToken(namespace, sandbox, expiresAt).mint(key.getBytes(StandardCharsets.UTF_8)));
    return 0;
  }
}
