package io.agentic.platform.sandboxtoken;

/** A presented token that must not be honoured; the message says why, without the token. */
public final class InvalidScopedTokenException extends RuntimeException {

  InvalidScopedTokenException(String message) {
    // No stack trace: this is an answer to a caller, not a fault of the program.
    super(message, null, false, false);
  }
}
