package io.agentic.platform.bridge.receiver;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import io.agentic.platform.bridge.BridgeConfig;
import io.agentic.platform.bridge.pipeline.Offer;
import io.agentic.platform.bridge.pipeline.Pipelines;
import io.agentic.platform.bridge.signal.Signal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

  private final Pipelines pipelines;
  private final BridgeConfig config;
  private final long maxBody;

  HttpReceiver(Pipelines pipelines, BridgeConfig config) {
    this.pipelines = pipelines;
    this.config = config;
    this.maxBody = config.receiver().maxBodySize().asLongValue();
  }

  void routes(@Observes Router router) {
    for (Signal<?, ?> signal : Signal.all()) {
      // Two routes on one path: the checks run before the body is read.
      router.route(signal.path()).handler(ctx -> checkHeaders(ctx, signal));
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
      Refusal refusal = Refusal.of(signal, Offer.DISABLED, config);
      status(ctx, refusal.httpStatus(), refusal.grpcCode(), refusal.message());
      return;
    }
    ctx.next();
  }

  private <R extends Message> void receive(RoutingContext ctx, Signal<R, ?> signal) {
    boolean json = ctx.get(ENCODING);
    R request;
    try {
      byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      if (ctx.<Boolean>get(GZIP)) {
        body = gunzip(body);
        if (body == null) {
          status(ctx, 413, Code.INVALID_ARGUMENT, tooLarge());
          return;
        }
      }
      request =
          json
              ? signal.parseJson(new String(body, StandardCharsets.UTF_8))
              : signal.parser().parseFrom(body);
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
    Offer offer = pipelines.offer(signal, request, "http");
    if (offer == Offer.ACCEPTED) {
      respond(ctx, 200, signal.emptyResponse());
      return;
    }
    Refusal refusal = Refusal.of(signal, offer, config);
    if (offer == Offer.FULL || offer == Offer.CLOSED) {
      ctx.response()
          .putHeader(
              "Retry-After", Long.toString(Math.max(1, config.queue().retryAfter().toSeconds())));
    }
    status(ctx, refusal.httpStatus(), refusal.grpcCode(), refusal.message());
  }

  private void failed(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      status(ctx, 413, Code.INVALID_ARGUMENT, tooLarge());
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status(ctx, ctx.statusCode(), Code.INVALID_ARGUMENT, "the request could not be read");
    } else {
      LOG.error("OTLP/HTTP request failed", ctx.failure());
      status(ctx, 500, Code.INTERNAL, "the bridge failed to handle the request");
    }
  }

  private String tooLarge() {
    return "the body exceeds " + maxBody + " bytes (bridge.receiver.max-body-size)";
  }

  /** The decompressed body, or null when it would exceed the body limit. */
  private byte[] gunzip(byte[] compressed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] chunk = new byte[16 * 1024];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (out.size() + n > maxBody) {
          return null;
        }
        out.write(chunk, 0, n);
      }
    }
    return out.toByteArray();
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
