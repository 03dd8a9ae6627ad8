package io.agentic.platform.router.auth;

import io.agentic.platform.sandboxtoken.ScopedToken;
import io.agentic.platform.sandboxtoken.ScopedTokenKey;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Mints a scoped token with the key from {@code ROUTER_AUTH_SCOPED_KEY}, under the id in {@code
 * ROUTER_AUTH_SCOPED_KEY_ID} (the router's default when unset). The key comes from the environment
 * rather than the command line, where other users of the machine could read it.
 */
public final class MintTokenCommand {

  public static final String NAME = "mint-token";
  static final String KEY_VARIABLE = "ROUTER_AUTH_SCOPED_KEY";
  static final String KEY_ID_VARIABLE = "ROUTER_AUTH_SCOPED_KEY_ID";
  private static final long DEFAULT_TTL_SECONDS = 3600;

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
    try {
      String keyId = env.getOrDefault(KEY_ID_VARIABLE, ScopedTokenKey.DEFAULT_ID);
      ScopedTokenKey key;
      try {
        key = ScopedTokenKey.of(keyId, env.get(KEY_VARIABLE));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            KEY_VARIABLE
                + " must hold the router's key (at least "
                + ScopedTokenKey.MIN_BYTES
                + " bytes) and "
                + KEY_ID_VARIABLE
                + ", if set, its id");
      }
      if (args.length == 4 && !args[3].matches("[1-9][0-9]{0,9}")) {
        throw new IllegalArgumentException(
            "ttl '" + args[3] + "' is not a positive number of seconds");
      }
      long ttl = args.length == 4 ? Long.parseLong(args[3]) : DEFAULT_TTL_SECONDS;
      out.println(
          ScopedToken.issue(
                  args[1],
                  args[2],
                  Duration.ofSeconds(ttl),
                  ScopedToken.DEFAULT_MAX_LIFETIME,
                  Instant.now())
              .mint(key));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
  }
}
