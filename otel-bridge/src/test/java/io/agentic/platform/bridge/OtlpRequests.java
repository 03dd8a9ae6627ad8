package io.agentic.platform.bridge;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.agentic.platform.bridge.signal.EncodedRequest;
import io.agentic.platform.bridge.signal.EncodedResource;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

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

  /** An OTLP export request (traces or logs) as the bridge carries it, its items encoded. */
  public static EncodedRequest encoded(Message request) {
    try {
      return EncodedRequest.parseFrom(request.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The OTLP trace request the bridge would send for {@code entries}. */
  public static ExportTraceServiceRequest traces(List<EncodedResource> entries) {
    return traces(EncodedRequest.newBuilder().addAllResources(entries).build());
  }

  /** The OTLP trace request an encoded request (or any other trace message) encodes as. */
  public static ExportTraceServiceRequest traces(Message request) {
    try {
      return ExportTraceServiceRequest.parseFrom(request.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
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

  /**
   * A gzip body that inflates to {@code size} copies of {@code value}, compressed about a thousand
   * to one; written in pieces, so a bomb of any size costs the test only its compressed bytes.
   */
  public static byte[] gzipOf(long size, byte value) throws IOException {
    byte[] piece = new byte[1024 * 1024];
    Arrays.fill(piece, value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      for (long left = size; left > 0; left -= piece.length) {
        zip.write(piece, 0, (int) Math.min(piece.length, left));
      }
    }
    return out.toByteArray();
  }

  /** A request of one span whose trace state makes it {@code bytes} long, give or take a few. */
  public static ExportTraceServiceRequest oneSpanOf(int bytes) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setName("large")
                                .setTraceId(ByteString.copyFrom(new byte[16]))
                                .setSpanId(ByteString.copyFrom(new byte[8]))
                                .setTraceState("x".repeat(bytes)))))
        .build();
  }
}
