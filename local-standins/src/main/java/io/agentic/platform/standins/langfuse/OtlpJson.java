package io.agentic.platform.standins.langfuse;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.HexFormat;

/**
 * OTLP/JSON traces. They are protobuf's JSON mapping but for one rule: trace and span ids are hex,
 * where the mapping (and so {@link JsonFormat}) expects base64. The ids are re-encoded first.
 */
final class OtlpJson {

  private OtlpJson() {}

  static ExportTraceServiceRequest traces(String json) {
    try {
      JsonObject request = new JsonObject(json);
      for (JsonObject resourceSpans : objects(request, "resourceSpans")) {
        for (JsonObject scopeSpans : objects(resourceSpans, "scopeSpans")) {
          for (JsonObject span : objects(scopeSpans, "spans")) {
            hexToBase64(span, "traceId", "spanId", "parentSpanId");
            for (JsonObject link : objects(span, "links")) {
              hexToBase64(link, "traceId", "spanId");
            }
          }
        }
      }
      ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(request.encode(), builder);
      return builder.build();
    } catch (DecodeException
        | ClassCastException
        | IllegalArgumentException
        | InvalidProtocolBufferException e) {
      throw new MalformedPayload(
          "not an OTLP/JSON ExportTraceServiceRequest: " + e.getMessage(), e);
    }
  }

  private static Iterable<JsonObject> objects(JsonObject parent, String field) {
    JsonArray array = parent.getJsonArray(field, new JsonArray());
    return () -> array.stream().map(JsonObject.class::cast).iterator();
  }

  private static void hexToBase64(JsonObject object, String... fields) {
    for (String field : fields) {
      String hex = object.getString(field);
      if (hex != null) {
        object.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
      }
    }
  }
}
