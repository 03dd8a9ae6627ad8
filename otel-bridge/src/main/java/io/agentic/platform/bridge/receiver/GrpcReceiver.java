package io.agentic.platform.bridge.receiver;

import com.google.protobuf.Message;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.pipeline.Pipelines;
import io.agentic.platform.bridge.signal.Signal;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

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

  /**
   * The service with its messages parsed inside the call rather than by the transport: grpc-java
   * turns a parse failure in the transport into UNKNOWN and logs it as an application error, while
   * inside the call {@link GrpcMalformedMessages} can answer INVALID_ARGUMENT with the parser's
   * reason. The transport hands over the message's bytes (at most the inbound message limit): a
   * stream would be released before Quarkus delivers the message on the call's context.
   */
  static ServerServiceDefinition parsedInCall(ServerServiceDefinition service) {
    return ServerInterceptors.useMarshalledMessages(service, BYTES);
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

  <R extends Message, S extends Message> void export(
      Signal<R, ?> signal, R request, StreamObserver<S> observer, S emptyResponse) {
    Offer offer = pipelines.offer(signal, request, "grpc");
    if (offer == Offer.ACCEPTED) {
      observer.onNext(emptyResponse);
      observer.onCompleted();
    } else {
      observer.onError(
          StatusProto.toStatusRuntimeException(Refusal.of(signal, offer, config).grpcStatus()));
    }
  }
}
