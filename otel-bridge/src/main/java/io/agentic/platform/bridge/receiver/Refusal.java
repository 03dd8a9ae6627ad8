package io.agentic.platform.bridge.receiver;

import com.google.rpc.Code;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.signal.Signal;

/** Why a request was not taken, as a gRPC code, an HTTP status and a message for the sender. */
record Refusal(Code grpcCode, int httpStatus, String message) {

  static Refusal of(Signal<?, ?> signal, Offer offer, BridgeConfig config) {
    return switch (offer) {
      case FULL ->
          new Refusal(
              Code.RESOURCE_EXHAUSTED,
              429,
              "the bridge's "
                  + signal.name()
                  + " queue is full; retry after "
                  + config.queue().retryAfter().toSeconds()
                  + "s");
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
                  + " bytes); send smaller requests");
      case CLOSED ->
          new Refusal(Code.UNAVAILABLE, 503, "the bridge is shutting down; send to another one");
      case DISABLED ->
          new Refusal(
              Code.UNIMPLEMENTED,
              404,
              "this bridge does not carry "
                  + signal.name()
                  + " (bridge.export."
                  + signal.name()
                  + ".enabled)");
      case ACCEPTED -> throw new IllegalArgumentException("an accepted request is not refused");
    };
  }
}
