package io.agentic.platform.standins.langfuse;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One JSON line per span, with what Langfuse would use from it: the GenAI attributes and the user.
 * Other attributes are left out to keep the log readable.
 */
final class SpanLines {

  private static final HexFormat HEX = HexFormat.of();

  private SpanLines() {}

  static List<String> of(ExportTraceServiceRequest request) {
    List<String> lines = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = serviceName(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          lines.add(line(service, span).encode());
        }
      }
    }
    return lines;
  }

  static JsonObject line(String service, Span span) {
    JsonObject attributes = new JsonObject();
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().startsWith("gen_ai.") || kv.getKey().equals("user.id")) {
        attributes.put(kv.getKey(), AttributeValues.toJson(kv.getValue()));
      }
    }
    return new JsonObject()
        .put("service", service)
        .put("name", span.getName())
        .put("traceId", HEX.formatHex(span.getTraceId().toByteArray()))
        .put("spanId", HEX.formatHex(span.getSpanId().toByteArray()))
        .put("parentSpanId", HEX.formatHex(span.getParentSpanId().toByteArray()))
        .put("kind", span.getKind().name())
        .put("durationMs", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6)
        .put("status", span.getStatus().getCode().name())
        .put("attributes", attributes);
  }

  /** The resource's service.name, or "" when it has none. */
  private static String serviceName(Resource resource) {
    return resource.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name"))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }
}
