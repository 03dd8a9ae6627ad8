package io.agentic.platform.executor.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * W3C trace context on the executor's own HTTP calls (LLM, memory-gateway), naming the client span
 * the executor made for the call. The web clients of those calls are not traced by Vert.x itself:
 * its span would have no parent (a run's work is not on the thread's current context) and start a
 * trace of its own, so the gateway's spans would not join the run's trace.
 */
@ApplicationScoped
public class HttpTraceContext {

  private static final TextMapSetter<HttpRequest<?>> SETTER =
      (request, key, value) -> {
        if (request != null) {
          request.putHeader(key, value);
        }
      };

  private static final TextMapSetter<java.util.Map<String, String>> MAP_SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.put(key, value);
        }
      };

  private final TextMapPropagator propagator;

  HttpTraceContext(OpenTelemetry openTelemetry) {
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  public void inject(Span span, HttpRequest<?> request) {
    propagator.inject(Context.root().with(span), request, SETTER);
  }

  /** The same, into headers about to be sent. */
  public void inject(Span span, java.util.Map<String, String> headers) {
    propagator.inject(Context.root().with(span), headers, MAP_SETTER);
  }
}
