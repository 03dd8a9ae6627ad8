package io.agentic.platform.router.proxy;

import io.agentic.platform.router.logging.JsonLine;
import io.agentic.platform.router.logging.LineWriterHandler;
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
 * One JSON line per request on the {@code io.agentic.platform.router.access} category, written to
 * standard output by a thread of its own. The line is put together here, field by field, instead of
 * passing the fields through the MDC to the generic JSON formatter, which cost the router a large
 * share of its throughput. Its shape is that of the router's other JSON log lines, with the
 * request's fields under {@code mdc}. Nothing that can hold a credential is logged: no header
 * values and no query string.
 */
@Singleton
public class AccessLog {

  static final String CATEGORY = "io.agentic.platform.router.access";
  private static final Logger LOG = Logger.getLogger(CATEGORY);

  /** Lines waiting for standard output: about 12 MB of typical lines. */
  private static final int QUEUE_CAPACITY = 32 * 1024;

  /** Each event loop builds its lines in a buffer of its own, reused from one line to the next. */
  private static final ThreadLocal<StringBuilder> LINE_BUFFERS =
      ThreadLocal.withInitial(() -> new StringBuilder(512));

  private final UtcTimestamps timestamps = new UtcTimestamps();
  private final Counter dropped;
  private LineWriterHandler output;
  private boolean categoryUsedParentHandlers;

  AccessLog(MeterRegistry registry) {
    this.dropped =
        Counter.builder("router.access.log.dropped")
            .description("Access-log lines dropped because standard output could not keep up")
            .register(registry);
  }

  @PostConstruct
  void attachOutput() {
    output =
        new LineWriterHandler("access-log-writer", System.out, QUEUE_CAPACITY, dropped::increment);
    java.util.logging.Logger category = java.util.logging.Logger.getLogger(CATEGORY);
    category.addHandler(output);
    // The line is complete JSON already: the console handler must not wrap it a second time.
    categoryUsedParentHandlers = category.getUseParentHandlers();
    category.setUseParentHandlers(false);
  }

  @PreDestroy
  void detachOutput() {
    java.util.logging.Logger category = java.util.logging.Logger.getLogger(CATEGORY);
    category.removeHandler(output);
    category.setUseParentHandlers(categoryUsedParentHandlers);
    output.close();
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
        new JsonLine(emptyLineBuffer())
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
    LOG.info(line.endObject().end());
  }

  private static StringBuilder emptyLineBuffer() {
    StringBuilder buffer = LINE_BUFFERS.get();
    buffer.setLength(0);
    return buffer;
  }
}
