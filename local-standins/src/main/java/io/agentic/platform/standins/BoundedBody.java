package io.agentic.platform.standins;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit, so no client can make a stand-in hold more than that. The
 * rest of an oversized body is read and dropped rather than cut off by closing the connection: a
 * client still sending when the connection closes sees a reset instead of the 413.
 */
public final class BoundedBody {

  private final int maxBytes;
  private final Buffer body = Buffer.buffer();
  private final Promise<Buffer> result = Promise.promise();
  private boolean tooLarge;

  private BoundedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The whole body, or a future failed with {@link TooLarge}. Must be called from the request
   * handler itself, before the body starts arriving.
   */
  public static Future<Buffer> read(HttpServerRequest request, int maxBytes) {
    BoundedBody reader = new BoundedBody(maxBytes);
    request.handler(reader::chunk);
    request.exceptionHandler(reader.result::tryFail);
    request.endHandler(end -> reader.end());
    return reader.result.future();
  }

  private void chunk(Buffer chunk) {
    if (tooLarge) {
      return;
    }
    if (body.length() + chunk.length() > maxBytes) {
      tooLarge = true;
    } else {
      body.appendBuffer(chunk);
    }
  }

  private void end() {
    if (tooLarge) {
      result.tryFail(new TooLarge(maxBytes));
    } else {
      result.tryComplete(body);
    }
  }

  /** A body (or, for compressed bodies, its decompressed form) larger than a stand-in takes. */
  public static final class TooLarge extends RuntimeException {

    public TooLarge(int maxBytes) {
      super("the body is larger than " + maxBytes + " bytes");
    }
  }
}
