package io.agentic.platform.bridge;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** OTLP trace requests for tests: one resource ({@code service.name=svc}), one scope, n spans. */
public final class OtlpRequests {

  private OtlpRequests() {}

  /** Spans named {@code a0, a1, ...} for prefix {@code a}, {@code s2_0, ...} for {@code s2}. */
  public static ExportTraceServiceRequest spans(String prefix, int n) {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("scope"));
    for (int i = 0; i < n; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setName(prefix + (prefix.length() > 1 ? "_" : "") + i)
              .setTraceId(ByteString.copyFrom(new byte[16]))
              .setSpanId(ByteString.copyFrom(new byte[8])));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("svc"))))
                .addScopeSpans(scope))
        .build();
  }

  public static List<String> names(ExportTraceServiceRequest request) {
    return names(
        request.getResourceSpansList().stream()
            .flatMap(r -> r.getScopeSpansList().stream())
            .flatMap(s -> s.getSpansList().stream())
            .toList());
  }

  public static List<String> names(List<Span> spans) {
    List<String> names = new ArrayList<>();
    for (Span span : spans) {
      names.add(span.getName());
    }
    return names;
  }
}
