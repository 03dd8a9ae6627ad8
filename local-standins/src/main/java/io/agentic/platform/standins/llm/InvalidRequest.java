package io.agentic.platform.standins.llm;

/** A request the stand-in refuses with 400, as the real providers would. */
final class InvalidRequest extends RuntimeException {

  InvalidRequest(String message) {
    super(message);
  }
}
