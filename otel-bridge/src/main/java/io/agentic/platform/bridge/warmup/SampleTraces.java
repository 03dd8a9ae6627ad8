package io.agentic.platform.bridge.warmup;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
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
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Spans shaped like what agents send (an LLM call with GenAI attributes, a prompt and a completion)
 * for the warm-up to rehearse with: made up here, never anyone's data.
 */
final class SampleTraces {

  static final int SPANS_PER_REQUEST = 100;

  private SampleTraces() {}

  /** One export request, gzip-compressed as senders send it. */
  static byte[] gzippedRequest() {
    return gzip(request());
  }

  /** {@code message} encoded and gzip-compressed. */
  static byte[] gzip(Message message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(bytes)) {
      message.writeTo(zip);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ExportTraceServiceRequest request() {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("otel-bridge.warm-up"));
    String prompt = "Rehearsal prompt of a typical length for an agent's LLM call. ".repeat(8);
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(id(16, 1)))
              .setSpanId(ByteString.copyFrom(id(8, i + 1)))
              .setName("chat rehearsal-model")
              .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
              .setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
              .setEndTimeUnixNano(1_700_000_000_500_000_000L + i)
              .addAttributes(text("gen_ai.operation.name", "chat"))
              .addAttributes(text("gen_ai.request.model", "rehearsal-model"))
              .addAttributes(number("gen_ai.usage.input_tokens", 1200 + i))
              .addAttributes(number("gen_ai.usage.output_tokens", 300 + i))
              .addAttributes(text("gen_ai.conversation.id", "rehearsal-" + (i % 7)))
              .addAttributes(text("gen_ai.prompt", prompt))
              .addAttributes(text("gen_ai.completion", "A completion of a typical length.")));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(text("service.name", "otel-bridge-warm-up")))
                .addScopeSpans(scope))
        .build();
  }

  private static byte[] id(int length, int value) {
    byte[] id = new byte[length];
    id[length - 1] = (byte) value;
    id[length - 2] = (byte) (value >> 8);
    return id;
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue number(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }
}
