package io.agentic.platform.standins.langfuse;

/** A body that is not the OTLP message it claims to be: answered with 400. */
final class MalformedPayload extends RuntimeException {

  MalformedPayload(String message, Throwable cause) {
    super(message, cause);
  }
}
