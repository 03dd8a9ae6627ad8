package io.agentic.platform.router.proxy;

import io.agentic.platform.router.logging.BatchedLineWriter;
import io.agentic.platform.router.logging.JsonLine;
import io.agentic.platform.router.logging.UtcTimestamps;
import io.agentic.platform.router.routing.SandboxTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
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

  /** Each event loop builds its lines in a buffer of its own, reused from one line to the next. */
  private static final ThreadLocal<JsonLine> LINES = ThreadLocal.withInitial(JsonLine::new);

  private final UtcTimestamps timestamps = new UtcTimestamps();
  private final Counter dropped;
  private final AccessLogOutput output;
  private BatchedLineWriter writer;

  AccessLog(MeterRegistry registry, AccessLogOutput output) {
    this.dropped =
        Counter.builder("router.access.log.dropped")
            .description("Access-log lines dropped because standard output could not keep up")
            .register(registry);
    this.output = output;
  }

  @PostConstruct
  void startWriter() {
    writer =
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
            .add("timestamp", timestamps.format(Instant.now()))
            .add("level", "INFO")
            .add("loggerName", CATEGORY)
            .add("message", method + " " + path + " " + status + " " + outcome)
            .beginObject("mdc")
            .add("http.method", method)
            .add("http.path", path)
            .addQuoted("http.status", status)
            .addQuoted("duration_ms", elapsed.toMillis())
            .addQuoted("bytes_in", request.bytesRead())
            .addQuoted("bytes_out", request.response().bytesWritten())
            .add("client", client == null ? "" : client.host())
            .add("outcome", outcome);
    if (target != null) {
      line.add("sandbox.id", target.id())
          .add("sandbox.namespace", target.namespace())
          .addQuoted("sandbox.port", target.port());
    }
    line.endObject().end();
    writer.append(line.bytes(), line.length());
  }
}
