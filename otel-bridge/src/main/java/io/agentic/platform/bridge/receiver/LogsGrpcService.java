package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.signal.Signal;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** {@code opentelemetry.proto.collector.logs.v1.LogsService/Export} on port 4317. */
@GrpcService
class LogsGrpcService implements BindableService {

  private final GrpcReceiver receiver;

  LogsGrpcService(GrpcReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return receiver.service(Signal.LOGS, LogsServiceGrpc.getExportMethod());
  }
}
