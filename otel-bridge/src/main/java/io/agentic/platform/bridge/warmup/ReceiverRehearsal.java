package io.agentic.platform.bridge.warmup;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Calls the bridge's own OTLP receivers on loopback, as senders do (gRPC with gzip, HTTP with gzip
 * protobuf), with export requests that hold no spans: the receivers, their admission and the
 * transports run, and an empty request is accepted with nothing to queue or export. A fresh JVM
 * loads and interprets that code on its first calls; done here, that first slow second is not spent
 * refusing real senders.
 */
final class ReceiverRehearsal {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A resource and a scope, no spans: the resource carries as many attributes, as long, as a real
   * request's spans do, so the transports and the parser handle a message of a real request's size.
   */
  static final ExportTraceServiceRequest NO_SPANS = noSpans();

  private static ExportTraceServiceRequest noSpans() {
    Resource.Builder resource = Resource.newBuilder();
    ExportTraceServiceRequest sample = SampleTraces.request();
    sample.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
        .flatMap(span -> span.getAttributesList().stream())
        .forEach(resource::addAttributes);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource)
                .addScopeSpans(ScopeSpans.getDefaultInstance()))
        .build();
  }

  private ReceiverRehearsal() {}

  /** {@code calls} OTLP/gRPC exports to the gRPC receiver on {@code port}. */
  static void grpc(int port, int calls) throws InterruptedException {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      var stub = TraceServiceGrpc.newBlockingStub(channel).withCompression("gzip");
      for (int i = 0; i < calls; i++) {
        stub.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).export(NO_SPANS);
      }
    } finally {
      channel.shutdownNow().awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** {@code calls} OTLP/HTTP exports (gzip protobuf) to the HTTP receiver on {@code port}. */
  static void http(int port, int calls) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
            .timeout(CALL_TIMEOUT)
            .header("Content-Type", "application/x-protobuf")
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(SampleTraces.gzip(NO_SPANS)))
            .build();
    for (int i = 0; i < calls; i++) {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IOException("the HTTP receiver answered " + response.statusCode());
      }
    }
  }
}
