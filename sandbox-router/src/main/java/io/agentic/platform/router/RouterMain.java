package io.agentic.platform.router;

import io.agentic.platform.router.auth.MintTokenCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the router, or, given {@code mint-token}, prints a scoped token and exits without starting
 * anything: {@code java -jar quarkus-run.jar mint-token <namespace> <sandbox-id|*> [ttl-seconds]}.
 */
@QuarkusMain
public class RouterMain {

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals(MintTokenCommand.NAME)) {
      System.exit(MintTokenCommand.run(args, System.getenv(), System.out, System.err));
    }
    Quarkus.run(args);
  }
}
