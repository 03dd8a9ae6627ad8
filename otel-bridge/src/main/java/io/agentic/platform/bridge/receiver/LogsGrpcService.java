package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.signal.Signal;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** {@code opentelemetry.proto.collector.logs.v1.LogsService/Export} on port 4317. */
@GrpcService
class LogsGrpcService implements LogsServiceGrpc.AsyncService, BindableService {

  private final GrpcReceiver receiver;

  LogsGrpcService(GrpcReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void export(
      ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
    receiver.export(Signal.LOGS, request, observer, ExportLogsServiceResponse.getDefaultInstance());
  }

  @Override
  public ServerServiceDefinition bindService() {
    return GrpcReceiver.parsedInCall(LogsServiceGrpc.bindService(this));
  }
}
