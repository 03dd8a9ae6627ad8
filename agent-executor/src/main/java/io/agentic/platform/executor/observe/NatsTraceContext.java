package io.agentic.platform.executor.observe;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** W3C trace context ({@code traceparent}, {@code tracestate}) in NATS message headers. */
@ApplicationScoped
public class NatsTraceContext {

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          return headers == null ? List.of() : headers.keySet();
        }

        @Override
        public String get(Headers headers, String key) {
          return headers == null ? null : headers.getFirst(key);
        }
      };

  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.put(key, value);
        }
      };

  private final TextMapPropagator propagator;

  NatsTraceContext(OpenTelemetry openTelemetry) {
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  public Context extract(Headers headers) {
    return propagator.extract(Context.root(), headers, GETTER);
  }

  public void inject(Context context, Headers headers) {
    propagator.inject(context, headers, SETTER);
  }
}
