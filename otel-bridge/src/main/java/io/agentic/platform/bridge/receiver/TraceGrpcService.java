package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.signal.Signal;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} on port 4317. */
@GrpcService
class TraceGrpcService implements BindableService {

  private final GrpcReceiver receiver;

  TraceGrpcService(GrpcReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return receiver.service(Signal.TRACES, TraceServiceGrpc.getExportMethod());
  }
}
