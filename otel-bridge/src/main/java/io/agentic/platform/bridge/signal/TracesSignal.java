package io.agentic.platform.bridge.signal;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;

/** Traces: ResourceSpans, ScopeSpans, Span; one span is one item, carried encoded. */
public final class TracesSignal extends EncodedItemsSignal {

  TracesSignal() {
    super("traces", "spans", Span.getDescriptor());
  }

  @Override
  Message.Builder newJsonRequestBuilder() {
    return ExportTraceServiceRequest.newBuilder();
  }

  @Override
  public Message emptyResponse() {
    return ExportTraceServiceResponse.getDefaultInstance();
  }

  @Override
  Message.Builder newResponseBuilder() {
    return ExportTraceServiceResponse.newBuilder();
  }

  @Override
  PartialSuccess partialSuccess(Message response) {
    var partial = ((ExportTraceServiceResponse) response).getPartialSuccess();
    return new PartialSuccess(partial.getRejectedSpans(), partial.getErrorMessage());
  }
}
