package io.agentic.platform.bridge.receiver;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a message that is not an export request INVALID_ARGUMENT with the parser's reason. The
 * services parse their messages in the call ({@link GrpcReceiver#parsedInCall}), just inside this
 * interceptor, which is inside Quarkus's own, so the failure reaches it on the call's context.
 */
@GlobalInterceptor
@ApplicationScoped
class GrpcMalformedMessages implements ServerInterceptor {

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (StatusRuntimeException e) {
          InvalidProtocolBufferException malformed = malformed(e);
          if (malformed == null) {
            throw e;
          }
          refused = true;
          call.close(
              Status.INVALID_ARGUMENT.withDescription(
                  "the message is not an OTLP export request: " + malformed.getMessage()),
              new Metadata());
        }
      }

      @Override
      public void onHalfClose() {
        // After a refusal the service has no request; it must not answer the closed call.
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  private static InvalidProtocolBufferException malformed(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidProtocolBufferException invalid) {
        return invalid;
      }
    }
    return null;
  }
}
