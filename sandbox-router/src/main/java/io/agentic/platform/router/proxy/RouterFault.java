package io.agentic.platform.router.proxy;

/**
 * A failure of the router's own code while it talked to a sandbox, carried through the futures of
 * the exchange so that it ends in a 500 rather than passing for the sandbox's failure.
 */
final class RouterFault extends RuntimeException {

  RouterFault(Throwable cause) {
    super(cause.toString(), cause, false, false);
  }
}
