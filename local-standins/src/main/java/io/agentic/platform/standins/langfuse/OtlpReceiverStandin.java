package io.agentic.platform.standins.langfuse;

import io.agentic.platform.standins.BoundedBody;
import io.agentic.platform.standins.Responses;
import io.agentic.platform.standins.Standin;
import io.agentic.platform.standins.StandinsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Stands in for Langfuse's OpenTelemetry ingestion: takes OTLP/HTTP under /api/public/otel, where
 * the otel-bridge exports, and appends every span to the traces log. Metrics and logs are taken and
 * counted only. The Basic credentials Langfuse requires are accepted and not checked.
 */
@ApplicationScoped
public class OtlpReceiverStandin implements Standin {

  static final String PREFIX = "/api/public/otel";

  /** The limit holds for the body as sent and, when gzipped, for what it inflates to. */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(OtlpReceiverStandin.class);
  private static final Set<String> SIGNALS = Set.of("traces", "metrics", "logs");

  private final int port;
  private final TracesLog tracesLog;
  private final MeterRegistry meters;
  private final Counter spans;

  /** One thread decodes and appends, off the event loop and in arrival order. */
  private final WorkerExecutor writer;

  OtlpReceiverStandin(StandinsConfig config, Vertx vertx, MeterRegistry meters) {
    this.port = config.langfuse().port();
    this.tracesLog = new TracesLog(Path.of(config.langfuse().tracesLog()));
    this.meters = meters;
    this.spans = meters.counter("standins.otlp.spans");
    this.writer = vertx.createSharedWorkerExecutor("standins-traces-log", 1);
    LOG.infof("The langfuse stand-in appends received spans to %s", tracesLog.file());
  }

  @Override
  public String name() {
    return "langfuse";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String signal = signal(request.path());
    if (signal == null) {
      error(request, 404, "no such endpoint; OTLP goes to " + PREFIX + "/v1/traces");
      return;
    }
    if (request.method() != HttpMethod.POST) {
      error(request, 405, "use POST");
      return;
    }
    Optional<OtlpEncoding> encoding = OtlpEncoding.of(request.getHeader("Content-Type"));
    if (encoding.isEmpty()) {
      error(request, 415, "Content-Type must be application/x-protobuf or application/json");
      return;
    }
    String contentEncoding = request.getHeader("Content-Encoding");
    boolean gzipped = "gzip".equalsIgnoreCase(contentEncoding);
    if (!gzipped && contentEncoding != null && !"identity".equalsIgnoreCase(contentEncoding)) {
      error(request, 415, "Content-Encoding must be gzip or identity");
      return;
    }
    BoundedBody.read(request, MAX_BODY_BYTES)
        .onSuccess(
            body -> {
              meters.counter("standins.otlp.requests", "signal", signal).increment();
              if (signal.equals("traces")) {
                record(request, body, gzipped, encoding.get());
              } else {
                answer(request, encoding.get());
              }
            })
        .onFailure(failure -> fail(request, failure));
  }

  private void record(
      HttpServerRequest request, Buffer body, boolean gzipped, OtlpEncoding encoding) {
    writer
        .executeBlocking(
            () -> {
              var lines = SpanLines.of(OtlpPayload.traces(body, gzipped, encoding, MAX_BODY_BYTES));
              tracesLog.append(lines);
              return lines.size();
            })
        .onSuccess(
            count -> {
              spans.increment(count);
              answer(request, encoding);
            })
        .onFailure(failure -> fail(request, failure));
  }

  private static String signal(String path) {
    String prefix = PREFIX + "/v1/";
    if (!path.startsWith(prefix)) {
      return null;
    }
    String signal = path.substring(prefix.length());
    return SIGNALS.contains(signal) ? signal : null;
  }

  private static void answer(HttpServerRequest request, OtlpEncoding encoding) {
    request
        .response()
        .putHeader("Content-Type", encoding.mediaType())
        .end(encoding.emptyResponse());
  }

  private static void fail(HttpServerRequest request, Throwable failure) {
    if (failure instanceof BoundedBody.TooLarge) {
      error(request, 413, failure.getMessage());
    } else if (failure instanceof MalformedPayload) {
      error(request, 400, failure.getMessage());
    } else {
      LOG.error("Could not record received spans", failure);
      error(request, 500, "could not record the spans: " + failure.getMessage());
    }
  }

  private static void error(HttpServerRequest request, int status, String message) {
    Responses.json(request, status, new JsonObject().put("message", message));
  }
}
