package io.agentic.platform.bridge.receiver;

import com.google.common.io.ByteStreams;
import com.google.common.io.CountingInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.pipeline.Pipelines;
import io.agentic.platform.bridge.signal.Signal;
import io.netty.buffer.ByteBufInputStream;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;

/**
 * OTLP/HTTP on the main port (4318): {@code POST /v1/traces}, {@code /v1/metrics}, {@code
 * /v1/logs}, with binary protobuf or JSON bodies, plain or gzip. Answers are in the request's
 * encoding: the export response on success, a {@code google.rpc.Status} otherwise, with 429 or 503
 * and Retry-After when the sender should come back later.
 */
@ApplicationScoped
class HttpReceiver {

  private static final Logger LOG = Logger.getLogger(HttpReceiver.class);

  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";
  private static final String ENCODING = "otlp.json";
  private static final String GZIP = "otlp.gzip";

  /** Inflater input buffer: fewer, larger reads than GZIPInputStream's default 512 bytes. */
  private static final int GUNZIP_BUFFER = 64 * 1024;

  private final Pipelines pipelines;
  private final BridgeConfig config;
  private final ReceiveLimit limit;
  private final long maxBody;

  HttpReceiver(Pipelines pipelines, BridgeConfig config, ReceiveLimit limit) {
    this.pipelines = pipelines;
    this.config = config;
    this.limit = limit;
    this.maxBody = config.receiver().maxBodySize().asLongValue();
  }

  void routes(@Observes Router router) {
    for (Signal<?, ?> signal : Signal.all()) {
      // Two routes on one path: the checks run before the body is read, and before Quarkus's own
      // body limit, which would answer a declared oversized body with an empty 413.
      router
          .route(signal.path())
          .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
          .handler(ctx -> checkHeaders(ctx, signal));
      Route route = router.route(signal.path());
      route.handler(BodyHandler.create(false).setBodyLimit(maxBody));
      route.blockingHandler(ctx -> receive(ctx, signal), false);
      route.failureHandler(this::failed);
    }
    router
        .route()
        .last()
        .handler(
            ctx ->
                ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/problem+json")
                    .end(
                        "{\"type\":\"https://agentic.io/problems/otel-bridge/not-found\","
                            + "\"title\":\"Not found\",\"status\":404,\"detail\":\"OTLP/HTTP is"
                            + " served at POST /v1/traces, /v1/metrics and /v1/logs\"}"));
  }

  /** Everything that can be refused before the body is read. */
  private void checkHeaders(RoutingContext ctx, Signal<?, ?> signal) {
    String contentType =
        ctx.request().getHeader("Content-Type") == null
            ? ""
            : ctx.request().getHeader("Content-Type").toLowerCase(Locale.ROOT);
    boolean json = contentType.startsWith(JSON);
    if (json || contentType.startsWith(PROTOBUF)) {
      ctx.put(ENCODING, json);
    }
    if (ctx.request().method() != HttpMethod.POST) {
      ctx.response().putHeader("Allow", "POST");
      status(ctx, 405, Code.UNIMPLEMENTED, "use POST");
      return;
    }
    if (ctx.get(ENCODING) == null) {
      status(ctx, 415, Code.INVALID_ARGUMENT, "Content-Type must be " + PROTOBUF + " or " + JSON);
      return;
    }
    String encoding = ctx.request().getHeader("Content-Encoding");
    encoding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
    if (!encoding.equals("identity") && !encoding.equals("gzip")) {
      status(ctx, 415, Code.INVALID_ARGUMENT, "Content-Encoding must be gzip or absent");
      return;
    }
    ctx.put(GZIP, encoding.equals("gzip"));
    if (!pipelines.carries(signal)) {
      refuse(ctx, Refusal.of(signal, Offer.DISABLED, config));
      return;
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null
        && length.strip().matches("\\d{1,18}")
        && Long.parseLong(length.strip()) > maxBody) {
      // The body flows on unread, so that the sender can finish sending it and read the answer.
      ctx.request().resume();
      tooLarge(ctx, false);
      return;
    }
    if (!limit.tryAcquire()) {
      ctx.request().resume(); // as above: the sender reads the answer once it has sent the body
      refuse(ctx, Refusal.busy(config));
      return;
    }
    // Held until the response ends or the connection closes, whichever comes first (both may be
    // reported).
    AtomicBoolean held = new AtomicBoolean(true);
    ctx.addEndHandler(
        ended -> {
          if (held.getAndSet(false)) {
            limit.release();
          }
        });
    ctx.next();
  }

  private <R extends Message> void receive(RoutingContext ctx, Signal<R, ?> signal) {
    boolean json = ctx.get(ENCODING);
    R request;
    try {
      request = parse(ctx, signal, json);
    } catch (IOException e) {
      status(
          ctx,
          400,
          Code.INVALID_ARGUMENT,
          "the body is not an OTLP "
              + signal.name()
              + " export request in "
              + (json ? "JSON" : "protobuf")
              + ": "
              + e.getMessage());
      return;
    }
    if (request == null) {
      tooLarge(ctx, false);
      return;
    }
    Offer offer = pipelines.offer(signal, request, "http");
    if (offer == Offer.ACCEPTED) {
      respond(ctx, 200, signal.emptyResponse());
      return;
    }
    refuse(ctx, Refusal.of(signal, offer, config));
  }

  /**
   * Parses the body as it is inflated, never holding the inflated bytes as such, and reading no
   * more than the limit plus one byte of them. Returns null when the body, inflated, exceeds the
   * limit: also when it fails to parse before that point, so that a gzip bomb is a 413 whatever it
   * holds; finding that out inflates at most the limit, and keeps none of it.
   */
  private <R extends Message> R parse(RoutingContext ctx, Signal<R, ?> signal, boolean json)
      throws IOException {
    Buffer body = ctx.body().buffer();
    InputStream raw =
        body == null ? InputStream.nullInputStream() : new ByteBufInputStream(body.getByteBuf());
    CountingInputStream counted = null;
    InputStream in = null;
    try {
      counted =
          new CountingInputStream(
              ctx.<Boolean>get(GZIP) ? new GZIPInputStream(raw, GUNZIP_BUFFER) : raw);
      in = ByteStreams.limit(counted, maxBody + 1);
      R request =
          json
              ? signal.parseJson(new InputStreamReader(in, StandardCharsets.UTF_8))
              : signal.parse(in);
      return counted.getCount() > maxBody ? null : request;
    } catch (IOException e) {
      if (in != null) {
        try {
          ByteStreams.exhaust(in);
        } catch (IOException unreadable) {
          // The parse failure already says what is wrong with the body.
        }
      }
      if (counted != null && counted.getCount() > maxBody) {
        return null;
      }
      throw e;
    }
  }

  private void failed(RoutingContext ctx) {
    if (ctx.failure() instanceof HttpClosedException) {
      return; // the sender went away before its body arrived: nobody to answer
    }
    if (ctx.statusCode() == 413) {
      tooLarge(ctx, true);
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status(ctx, ctx.statusCode(), Code.INVALID_ARGUMENT, "the request could not be read");
    } else {
      LOG.error("OTLP/HTTP request failed", ctx.failure());
      status(ctx, 500, Code.INTERNAL, "the bridge failed to handle the request");
    }
  }

  /**
   * 413; with {@code close}, for a body of unknown length cut off at the limit, the connection is
   * closed once the answer is sent, as Quarkus's own body limit does: the rest is not worth
   * receiving.
   */
  private void tooLarge(RoutingContext ctx, boolean close) {
    if (close && !ctx.response().ended()) {
      ctx.response().putHeader("Connection", "close");
      ctx.response().endHandler(sent -> ctx.request().connection().close());
    }
    status(
        ctx,
        413,
        Code.INVALID_ARGUMENT,
        "the body exceeds " + maxBody + " bytes (bridge.receiver.max-body-size)");
  }

  private static void refuse(RoutingContext ctx, Refusal refusal) {
    refusal
        .retryAfterHeader()
        .ifPresent(seconds -> ctx.response().putHeader("Retry-After", seconds));
    status(ctx, refusal.httpStatus(), refusal.grpcCode(), refusal.message());
  }

  private static void status(RoutingContext ctx, int httpStatus, Code code, String message) {
    respond(
        ctx,
        httpStatus,
        com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message).build());
  }

  /** Writes a message in the encoding the request used (JSON when it used neither). */
  private static void respond(RoutingContext ctx, int httpStatus, Message message) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(httpStatus);
    if (Boolean.TRUE.equals(ctx.get(ENCODING)) || ctx.get(ENCODING) == null) {
      String json;
      try {
        json = JsonFormat.printer().omittingInsignificantWhitespace().print(message);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
      response.putHeader("Content-Type", JSON).end(json);
    } else {
      response.putHeader("Content-Type", PROTOBUF).end(Buffer.buffer(message.toByteArray()));
    }
  }
}
