package io.agentic.platform.bridge.receiver;

import io.agentic.platform.bridge.BridgeConfig;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.grpc.runtime.Interceptors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission of OTLP/gRPC calls: a call takes a {@link ReceiveLimit} permit and holds it until it
 * ends; when none is free it is refused RESOURCE_EXHAUSTED with RetryInfo. It runs outside
 * Quarkus's own interceptors, so that a refused call is never started on a context of its own.
 */
@GlobalInterceptor
@ApplicationScoped
class GrpcAdmission implements ServerInterceptor, Prioritized {

  private final ReceiveLimit limit;
  private final BridgeConfig config;

  GrpcAdmission(ReceiveLimit limit, BridgeConfig config) {
    this.limit = limit;
    this.config = config;
  }

  /** Quarkus orders interceptors by this: the highest is called first. */
  @Override
  public int getPriority() {
    return Interceptors.DUPLICATE_CONTEXT + 1;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (!limit.tryAcquire()) {
      StatusRuntimeException busy =
          StatusProto.toStatusRuntimeException(Refusal.busy(config).grpcStatus());
      call.close(busy.getStatus(), busy.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    AtomicBoolean held = new AtomicBoolean(true);
    Runnable release =
        () -> {
          if (held.getAndSet(false)) {
            limit.release();
          }
        };
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        release.run();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        release.run();
        super.onCancel();
      }
    };
  }
}
