package io.agentic.platform.router.proxy;

import io.agentic.platform.router.problem.Problem;
import io.agentic.platform.router.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * The request body on its way to the sandbox: it tells when the whole body has passed, and it holds
 * the size limit. A declared Content-Length is checked before anything is forwarded; a body of
 * unknown length is counted as it streams and cut off at the limit. Past the limit, the rest is
 * read and let go, whatever the stream it was piped into asks: a caller still sending could
 * otherwise lose the answer to a reset connection.
 */
final class ForwardedBody implements ReadStream<Buffer> {

  private final ReadStream<Buffer> body;
  private final long max;
  private final Runnable onOverflow;
  private final Runnable onEnd;
  private long seen;
  private boolean overflowed;

  ForwardedBody(ReadStream<Buffer> body, long max, Runnable onOverflow, Runnable onEnd) {
    this.body = body;
    this.max = max;
    this.onOverflow = onOverflow;
    this.onEnd = onEnd;
  }

  static void check(HttpServerRequest request, long max) {
    String declared = request.getHeader("Content-Length");
    if (declared != null && declared.strip().matches("[0-9]{1,19}")) {
      if (Long.parseLong(declared.strip()) > max) {
        throw new ProblemException(tooLarge(max));
      }
    }
  }

  static Problem tooLarge(long max) {
    return Problem.bodyTooLarge("the request body is larger than the limit of " + max + " bytes");
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      if (!overflowed) {
        body.handler(null);
      }
      return this;
    }
    body.handler(
        chunk -> {
          if (overflowed) {
            return;
          }
          seen += chunk.length();
          if (seen > max) {
            overflowed = true;
            body.resume();
            onOverflow.run();
            return;
          }
          handler.handle(chunk);
        });
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    body.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (!overflowed) {
      body.pause();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    body.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    body.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    if (endHandler == null) {
      if (!overflowed) {
        body.endHandler(null);
      }
      return this;
    }
    body.endHandler(
        ended -> {
          if (!overflowed) {
            endHandler.handle(ended);
          }
          onEnd.run();
        });
    return this;
  }
}
