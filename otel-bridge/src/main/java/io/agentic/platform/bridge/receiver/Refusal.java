package io.agentic.platform.bridge.receiver;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.signal.Signal;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a request was not taken, as a gRPC code, an HTTP status and a message for the sender, and the
 * wait to ask of it when coming back later helps (HTTP Retry-After; gRPC RetryInfo, which OTLP
 * clients need before they retry RESOURCE_EXHAUSTED).
 */
record Refusal(Code grpcCode, int httpStatus, String message, Optional<Duration> retryAfter) {

  static Refusal of(Signal<?, ?> signal, Offer offer, BridgeConfig config) {
    Duration retryAfter = config.queue().retryAfter();
    return switch (offer) {
      case FULL ->
          new Refusal(
              Code.RESOURCE_EXHAUSTED,
              429,
              "the bridge's "
                  + signal.name()
                  + " queue is full; retry after "
                  + retryAfter.toSeconds()
                  + "s",
              Optional.of(retryAfter));
      case TOO_LARGE ->
          new Refusal(
              Code.RESOURCE_EXHAUSTED,
              413,
              "the request holds more "
                  + signal.itemName()
                  + " or bytes than the bridge's whole queue ("
                  + config.queue().maxItems()
                  + " items, "
                  + config.queue().maxBytes().asLongValue()
                  + " bytes); send smaller requests",
              Optional.empty());
      case CLOSED ->
          new Refusal(
              Code.UNAVAILABLE,
              503,
              "the bridge is shutting down; send to another one",
              Optional.of(retryAfter));
      case DISABLED ->
          new Refusal(
              Code.UNIMPLEMENTED,
              404,
              "this bridge does not carry "
                  + signal.name()
                  + " (bridge.export."
                  + signal.name()
                  + ".enabled)",
              Optional.empty());
      case ACCEPTED -> throw new IllegalArgumentException("an accepted request is not refused");
    };
  }

  /** Too many requests are being received at once (bridge.receiver.max-concurrent-requests). */
  static Refusal busy(BridgeConfig config) {
    return new Refusal(
        Code.RESOURCE_EXHAUSTED,
        429,
        "the bridge is receiving "
            + config.receiver().maxConcurrentRequests()
            + " requests already; retry after "
            + config.queue().retryAfter().toSeconds()
            + "s",
        Optional.of(config.queue().retryAfter()));
  }

  /** The HTTP Retry-After value, whole seconds and at least one. */
  Optional<String> retryAfterHeader() {
    return retryAfter.map(delay -> Long.toString(Math.max(1, delay.toSeconds())));
  }

  /** The gRPC status, with RetryInfo when a RESOURCE_EXHAUSTED sender should retry. */
  com.google.rpc.Status grpcStatus() {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(grpcCode.getNumber()).setMessage(message);
    if (grpcCode == Code.RESOURCE_EXHAUSTED && retryAfter.isPresent()) {
      status.addDetails(
          Any.pack(
              RetryInfo.newBuilder()
                  .setRetryDelay(
                      com.google.protobuf.Duration.newBuilder()
                          .setSeconds(retryAfter.get().toSeconds())
                          .setNanos(retryAfter.get().toNanosPart()))
                  .build()));
    }
    return status.build();
  }
}
