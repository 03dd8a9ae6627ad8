package io.agentic.platform.bridge.receiver;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.pipeline.Pipelines;
import io.agentic.platform.bridge.signal.Signal;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * What the three OTLP/gRPC services share: the request goes to its pipeline, and the answer follows
 * the OTLP rules. A full queue is RESOURCE_EXHAUSTED with RetryInfo (the only form of it clients
 * retry); a request larger than the whole queue is RESOURCE_EXHAUSTED without it; shutting down is
 * UNAVAILABLE; a signal the bridge does not carry is UNIMPLEMENTED.
 */
@Singleton
class GrpcReceiver {

  private final Pipelines pipelines;
  private final BridgeConfig config;

  GrpcReceiver(Pipelines pipelines, BridgeConfig config) {
    this.pipelines = pipelines;
    this.config = config;
  }

  <R extends Message, S extends Message> void export(
      Signal<R, ?> signal, R request, StreamObserver<S> observer, S emptyResponse) {
    Offer offer = pipelines.offer(signal, request, "grpc");
    if (offer == Offer.ACCEPTED) {
      observer.onNext(emptyResponse);
      observer.onCompleted();
    } else {
      observer.onError(StatusProto.toStatusRuntimeException(status(signal, offer)));
    }
  }

  private com.google.rpc.Status status(Signal<?, ?> signal, Offer offer) {
    Refusal refusal = Refusal.of(signal, offer, config);
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(refusal.grpcCode().getNumber())
            .setMessage(refusal.message());
    if (offer == Offer.FULL) {
      status.addDetails(
          Any.pack(
              RetryInfo.newBuilder()
                  .setRetryDelay(
                      com.google.protobuf.Duration.newBuilder()
                          .setSeconds(config.queue().retryAfter().toSeconds())
                          .setNanos(config.queue().retryAfter().toNanosPart()))
                  .build()));
    }
    return status.build();
  }
}
