package io.agentic.platform.bridge.receiver;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.pipeline.Pipelines;
import io.agentic.platform.bridge.signal.Signal;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the three OTLP/gRPC services share: the request goes to its pipeline, and the answer follows
 * the OTLP rules. A message that is not an export request is INVALID_ARGUMENT with the parser's
 * reason; a full queue is RESOURCE_EXHAUSTED with RetryInfo (the only form of it clients retry); a
 * request larger than the whole queue is RESOURCE_EXHAUSTED without it; shutting down is
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

  /**
   * The OTLP service whose {@code Export} is {@code export}, taking the message as the bytes the
   * transport received (at most the inbound message limit) and parsing it in the call: the signal
   * parses it its own way (traces and logs keep their items encoded), and a parse failure is
   * answered here, where grpc-java's transport would answer UNKNOWN and log an application error.
   */
  <R extends Message> ServerServiceDefinition service(
      Signal<R, ?> signal, MethodDescriptor<?, ?> export) {
    byte[] accepted = signal.emptyResponse().toByteArray();
    return ServerServiceDefinition.builder(export.getServiceName())
        .addMethod(
            export.toBuilder(BYTES, BYTES).build(),
            ServerCalls.asyncUnaryCall(
                (byte[] message, StreamObserver<byte[]> observer) ->
                    export(signal, message, observer, accepted)))
        .build();
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw Status.INTERNAL
                .withDescription("reading the message")
                .withCause(e)
                .asRuntimeException();
          }
        }
      };

  private <R extends Message> void export(
      Signal<R, ?> signal, byte[] message, StreamObserver<byte[]> observer, byte[] accepted) {
    R request;
    try {
      request = signal.parse(message);
    } catch (InvalidProtocolBufferException e) {
      observer.onError(
          Status.INVALID_ARGUMENT
              .withDescription("the message is not an OTLP export request: " + e.getMessage())
              .asRuntimeException());
      return;
    }
    Offer offer = pipelines.offer(signal, request, "grpc");
    if (offer == Offer.ACCEPTED) {
      observer.onNext(accepted);
      observer.onCompleted();
    } else {
      observer.onError(
          StatusProto.toStatusRuntimeException(Refusal.of(signal, offer, config).grpcStatus()));
    }
  }
}
