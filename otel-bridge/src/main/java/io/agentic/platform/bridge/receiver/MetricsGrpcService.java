package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.signal.Signal;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** {@code opentelemetry.proto.collector.metrics.v1.MetricsService/Export} on port 4317. */
@GrpcService
class MetricsGrpcService implements MetricsServiceGrpc.AsyncService, BindableService {

  private final GrpcReceiver receiver;

  MetricsGrpcService(GrpcReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void export(
      ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
    receiver.export(
        Signal.METRICS, request, observer, ExportMetricsServiceResponse.getDefaultInstance());
  }

  @Override
  public ServerServiceDefinition bindService() {
    return GrpcReceiver.parsedInCall(MetricsServiceGrpc.bindService(this));
  }
}
