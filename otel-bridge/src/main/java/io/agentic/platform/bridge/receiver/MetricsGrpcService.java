package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.signal.Signal;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** {@code opentelemetry.proto.collector.metrics.v1.MetricsService/Export} on port 4317. */
@GrpcService
class MetricsGrpcService implements BindableService {

  private final GrpcReceiver receiver;

  MetricsGrpcService(GrpcReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return receiver.service(Signal.METRICS, MetricsServiceGrpc.getExportMethod());
  }
}
