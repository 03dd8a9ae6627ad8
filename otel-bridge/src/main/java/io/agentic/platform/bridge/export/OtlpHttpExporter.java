package io.agentic.platform.bridge.export;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.agentic.platform.bridge.signal.Signal;
import io.agentic.platform.bridge.signal.Signal.PartialSuccess;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Posts one signal's export requests as OTLP/HTTP protobuf and reads the answer by the OTLP rules:
 * 2xx succeeds (with a possible partial success in the body), 429/502/503/504 and network errors
 * may be retried (honouring Retry-After), 413 asks for smaller requests, anything else fails.
 */
public final class OtlpHttpExporter implements Exporter {

  /** Error bodies are read this far, to quote them in logs. */
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private static final int QUOTE_CHARS = 300;

  private final Vertx vertx;
  private final Context context;
  private final HttpClient client;
  private final Signal<?, ?> signal;
  private final URI endpoint;
  private final MultiMap headers;
  private final boolean gzip;
  private final int gzipLevel;
  private final Duration timeout;

  public OtlpHttpExporter(
      Vertx vertx,
      HttpClient client,
      Signal<?, ?> signal,
      URI endpoint,
      MultiMap headers,
      boolean gzip,
      int gzipLevel,
      Duration timeout) {
    if (gzipLevel < Deflater.BEST_SPEED || gzipLevel > Deflater.BEST_COMPRESSION) {
      throw new IllegalArgumentException(
          "bridge.export.compression-level must be 1 to 9, not " + gzipLevel);
    }
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.signal = signal;
    this.endpoint = endpoint;
    this.headers = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    this.headers.set("Content-Type", "application/x-protobuf");
    if (gzip) {
      this.headers.set("Content-Encoding", "gzip");
    }
    this.gzip = gzip;
    this.gzipLevel = gzipLevel;
    this.timeout = timeout;
  }

  @Override
  public String destination() {
    return endpoint.getScheme() + "://" + endpoint.getAuthority() + endpoint.getPath();
  }

  /**
   * Runs every export on the exporter's own context, whoever calls: a request started from another
   * thread may have its response (and body) arrive before the body handler is set, and hang.
   */
  @Override
  public Future<ExportResult> export(Message request) {
    Promise<ExportResult> result = Promise.promise();
    context.runOnContext(
        start ->
            vertx
                .executeBlocking(() -> encode(request), false)
                .compose(this::post)
                .recover(failure -> Future.succeededFuture(networkFailure(failure)))
                .onComplete(result));
    return result.future();
  }

  /**
   * Encodes the request straight into the compressor and the compressor straight into the body, so
   * a batch (about half a megabyte of protobuf at 512 spans) is never held whole uncompressed, nor
   * copied once more when compressed.
   */
  private Buffer encode(Message request) {
    if (!gzip) {
      return Buffer.buffer(request.toByteArray());
    }
    ByteBuf body = Unpooled.buffer(request.getSerializedSize() / 4 + 64);
    try (GZIPOutputStream zip = new LeveledGzip(new ByteBufOutputStream(body), gzipLevel)) {
      request.writeTo(zip);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(body);
  }

  /** GZIPOutputStream offers no level of its own; its deflater is reachable only to subclasses. */
  private static final class LeveledGzip extends GZIPOutputStream {

    /** Compressed output is handed on in pieces of this size, one native call each. */
    private static final int CHUNK = 64 * 1024;

    LeveledGzip(OutputStream out, int level) throws IOException {
      super(out, CHUNK);
      def.setLevel(level);
    }
  }

  private Future<ExportResult> post(Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(endpoint.toString())
            .setHeaders(headers)
            .setConnectTimeout(timeout.toMillis());
    return client
        .request(options)
        .compose(
            request -> {
              AtomicBoolean timedOut = new AtomicBoolean();
              long timer =
                  vertx.setTimer(
                      timeout.toMillis(),
                      id -> {
                        timedOut.set(true);
                        request.reset();
                      });
              return request
                  .send(body)
                  .compose(response -> readBody(response).map(bytes -> classify(response, bytes)))
                  .onComplete(done -> vertx.cancelTimer(timer))
                  .recover(
                      failure ->
                          Future.failedFuture(
                              timedOut.get()
                                  ? new TimeoutException(
                                      "no answer within " + timeout.toMillis() + " ms")
                                  : failure));
            });
  }

  private static Future<Buffer> readBody(HttpClientResponse response) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          int room = MAX_RESPONSE_BYTES - body.length();
          if (room > 0) {
            body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
          }
        });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(end -> promise.tryComplete(body));
    return promise.future();
  }

  ExportResult classify(HttpClientResponse response, Buffer body) {
    int status = response.statusCode();
    String contentType = Optional.ofNullable(response.getHeader("Content-Type")).orElse("");
    if (status >= 200 && status < 300) {
      return new ExportResult.Accepted(partialSuccess(contentType, body));
    }
    String reason = "HTTP " + status + describe(contentType, body);
    if (status == 413) {
      return new ExportResult.TooLarge(reason);
    }
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return new ExportResult.Retryable(
          retryAfter(response.getHeader("Retry-After"), Instant.now()), reason);
    }
    return new ExportResult.Failed(reason);
  }

  private PartialSuccess partialSuccess(String contentType, Buffer body) {
    if (body.length() == 0) {
      return PartialSuccess.NONE;
    }
    if (contentType.contains("application/x-protobuf")) {
      return signal.partialSuccessOfProtobuf(body.getBytes());
    }
    if (contentType.contains("json")) {
      return signal.partialSuccessOfJson(body.toString(StandardCharsets.UTF_8));
    }
    return PartialSuccess.NONE;
  }

  /** The message of a {@code google.rpc.Status} body, or the start of any other body. */
  private static String describe(String contentType, Buffer body) {
    if (body.length() == 0) {
      return "";
    }
    String text;
    if (contentType.contains("application/x-protobuf")) {
      try {
        text = com.google.rpc.Status.parseFrom(body.getBytes()).getMessage();
      } catch (InvalidProtocolBufferException e) {
        text = "(unreadable protobuf status)";
      }
    } else {
      text = body.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    }
    return text.isEmpty()
        ? ""
        : ": " + (text.length() > QUOTE_CHARS ? text.substring(0, QUOTE_CHARS) + "..." : text);
  }

  /** Retry-After as delta-seconds or an HTTP-date; absent or unreadable means no hint. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    if (trimmed.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private ExportResult networkFailure(Throwable failure) {
    String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    return new ExportResult.Retryable(
        Optional.empty(), failure.getClass().getSimpleName() + message);
  }
}
