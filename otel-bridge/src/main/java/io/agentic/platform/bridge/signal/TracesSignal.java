package io.agentic.platform.bridge.signal;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;

/** Traces: ResourceSpans, ScopeSpans, Span; one span is one item. */
public final class TracesSignal extends Signal<ExportTraceServiceRequest, ResourceSpans> {

  TracesSignal() {
    super("traces", "spans");
  }

  @Override
  public Parser<ExportTraceServiceRequest> parser() {
    return ExportTraceServiceRequest.parser();
  }

  @Override
  Message.Builder newRequestBuilder() {
    return ExportTraceServiceRequest.newBuilder();
  }

  @Override
  public List<ResourceSpans> entries(ExportTraceServiceRequest request) {
    return request.getResourceSpansList();
  }

  @Override
  public ExportTraceServiceRequest request(List<ResourceSpans> entries) {
    return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(entries).build();
  }

  @Override
  public int count(ResourceSpans entry) {
    int spans = 0;
    for (ScopeSpans scope : entry.getScopeSpansList()) {
      spans += scope.getSpansCount();
    }
    return spans;
  }

  @Override
  Cut<ResourceSpans> cut(ResourceSpans entry, int n) {
    return Cut.of(entry.getScopeSpansList(), n, ScopeSpans::getSpansCount, TracesSignal::cutScope)
        .wrap(scopes -> entry.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
  }

  private static Cut<ScopeSpans> cutScope(ScopeSpans scope, int n) {
    return Cut.ofItems(scope.getSpansList(), n)
        .wrap(spans -> scope.toBuilder().clearSpans().addAllSpans(spans).build());
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
