package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.signal.Signal;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} on port 4317. */
@GrpcService
class TraceGrpcService implements TraceServiceGrpc.AsyncService, BindableService {

  private final GrpcReceiver receiver;

  TraceGrpcService(GrpcReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void export(
      ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
    receiver.export(
        Signal.TRACES, request, observer, ExportTraceServiceResponse.getDefaultInstance());
  }

  @Override
  public ServerServiceDefinition bindService() {
    return GrpcReceiver.parsedInCall(TraceServiceGrpc.bindService(this));
  }
}
