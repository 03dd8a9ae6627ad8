package io.agentic.platform.router.proxy;

import io.agentic.platform.router.logging.BatchedLineWriter;
import io.agentic.platform.router.logging.JsonLine;
import io.agentic.platform.router.logging.UtcTimestamps;
import io.agentic.platform.router.routing.SandboxTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * One JSON line per request on standard output, written by a thread of its own. The line is put
 * together here, field by field as ASCII bytes, instead of passing the fields through the MDC to
 * the generic JSON formatter, which cost the router a large share of its throughput; for the same
 * reason it does not go through a log record and the log handlers, only the level of the {@code
 * io.agentic.platform.router.access} category is consulted. Its shape is that of the router's other
 * JSON log lines, with the request's fields under {@code mdc}. Nothing that can hold a credential
 * is logged: no header values and no query string.
 */
@Singleton
public class AccessLog {

  static final String CATEGORY = "io.agentic.platform.router.access";
  private static final Logger LOG = Logger.getLogger(CATEGORY);

  /** What each event loop may have waiting for standard output: about 5,000 typical lines. */
  private static final int MAX_WAITING_BYTES_PER_THREAD = 2 * 1024 * 1024;

  // The line's member names, in the order they are written.
  private static final JsonLine.Name TIMESTAMP = JsonLine.name("timestamp");
  private static final JsonLine.Name LEVEL = JsonLine.name("level");
  private static final JsonLine.Name LOGGER_NAME = JsonLine.name("loggerName");
  private static final JsonLine.Name MESSAGE = JsonLine.name("message");
  private static final JsonLine.Name MDC = JsonLine.name("mdc");
  private static final JsonLine.Name HTTP_METHOD = JsonLine.name("http.method");
  private static final JsonLine.Name HTTP_PATH = JsonLine.name("http.path");
  private static final JsonLine.Name HTTP_STATUS = JsonLine.name("http.status");
  private static final JsonLine.Name DURATION_MS = JsonLine.name("duration_ms");
  private static final JsonLine.Name BYTES_IN = JsonLine.name("bytes_in");
  private static final JsonLine.Name BYTES_OUT = JsonLine.name("bytes_out");
  private static final JsonLine.Name CLIENT = JsonLine.name("client");
  private static final JsonLine.Name OUTCOME = JsonLine.name("outcome");
  private static final JsonLine.Name SANDBOX_ID = JsonLine.name("sandbox.id");
  private static final JsonLine.Name SANDBOX_NAMESPACE = JsonLine.name("sandbox.namespace");
  private static final JsonLine.Name SANDBOX_PORT = JsonLine.name("sandbox.port");

  /** Each event loop builds its lines in a buffer of its own, reused from one line to the next. */
  private static final ThreadLocal<JsonLine> LINES = ThreadLocal.withInitial(JsonLine::new);

  private final UtcTimestamps timestamps = new UtcTimestamps();
  private final BatchedLineWriter writer;

  AccessLog(MeterRegistry registry, AccessLogOutput output) {
    Counter dropped =
        Counter.builder("router.access.log.dropped")
            .description("Access-log lines dropped because standard output could not keep up")
            .register(registry);
    this.writer =
        new BatchedLineWriter(
            "access-log-writer", output.stream(), MAX_WAITING_BYTES_PER_THREAD, dropped::increment);
  }

  @PreDestroy
  void stopWriter() {
    writer.close();
  }

  void record(HttpServerRequest request, SandboxTarget target, String outcome, Duration elapsed) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String method = request.method().name();
    String path = request.path();
    int status = request.response().getStatusCode();
    SocketAddress client = request.remoteAddress();
    JsonLine line =
        LINES
            .get()
            .begin()
            .add(TIMESTAMP, timestamps.format(Instant.now()))
            .add(LEVEL, "INFO")
            .add(LOGGER_NAME, CATEGORY)
            .add(MESSAGE, method + " " + path + " " + status + " " + outcome)
            .beginObject(MDC)
            .add(HTTP_METHOD, method)
            .add(HTTP_PATH, path)
            .addQuoted(HTTP_STATUS, status)
            .addQuoted(DURATION_MS, elapsed.toMillis())
            .addQuoted(BYTES_IN, request.bytesRead())
            .addQuoted(BYTES_OUT, request.response().bytesWritten())
            .add(CLIENT, client == null ? "" : client.host())
            .add(OUTCOME, outcome);
    if (target != null) {
      line.add(SANDBOX_ID, target.id())
          .add(SANDBOX_NAMESPACE, target.namespace())
          .addQuoted(SANDBOX_PORT, target.port());
    }
    line.endObject().end();
    writer.append(line.bytes(), line.length());
  }
}
