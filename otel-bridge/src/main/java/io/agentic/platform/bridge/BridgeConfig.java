package io.agentic.platform.bridge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the bridge; every key is documented in the module README. */
@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {

  Export export();

  Batch batch();

  Queue queue();

  Retry retry();

  Receiver receiver();

  WarmUp warmUp();

  /** Time the bridge spends exporting what it holds when it stops. */
  @WithDefault("15s")
  Duration drainTimeout();

  interface Export {
    /** Base URL; a signal goes to {@code {endpoint}/v1/{signal}} unless its own endpoint is set. */
    @WithDefault("http://localhost:3000/api/public/otel")
    String endpoint();

    SignalExport traces();

    SignalExport metrics();

    SignalExport logs();

    /** Langfuse project keys; together they make the {@code Authorization: Basic} header. */
    Optional<String> publicKey();

    Optional<String> secretKey();

    /**
     * A whole {@code Authorization} header value, e.g. {@code Basic cGst...}; wins over the keys.
     */
    Optional<String> authorization();

    /**
     * Extra headers sent with every export, as comma-separated {@code name=value} pairs (the format
     * of {@code OTEL_EXPORTER_OTLP_HEADERS}), e.g. {@code x-langfuse-ingestion-version=4}.
     */
    Optional<List<String>> headers();

    /** {@code gzip} or {@code none}. */
    @WithDefault("gzip")
    Compression compression();

    /**
     * gzip level, 1 (fastest) to 9 (smallest). 1 by default: compressing the export is most of the
     * bridge's CPU per span, and level 1 costs a fraction of the JDK's default 6 for a body a
     * little larger.
     */
    @WithDefault("1")
    int compressionLevel();

    /** Time allowed for one export request, from connecting to reading the answer. */
    @WithDefault("30s")
    Duration timeout();

    /** Export requests in flight at once, per signal. */
    @WithDefault("4")
    int concurrency();
  }

  interface SignalExport {
    /**
     * Whether the bridge receives and exports this signal; traces are on unless turned off, metrics
     * and logs off unless turned on (Langfuse takes traces only).
     */
    Optional<Boolean> enabled();

    /** Full URL for this signal, instead of {@code {bridge.export.endpoint}/v1/{signal}}. */
    Optional<String> endpoint();
  }

  interface Batch {
    /**
     * A batch is sent as soon as it holds at least this many items (spans, data points, log
     * records), the Collector's {@code send_batch_size}.
     */
    @WithDefault("512")
    int sendBatchSize();

    /**
     * Most items in one batch; larger requests are split. 0 means no cap, as in the Collector's
     * {@code send_batch_max_size}; otherwise it must be at least {@code send-batch-size}.
     */
    @WithDefault("0")
    int sendBatchMaxSize();

    /** ... or this many bytes of encoded items. */
    @WithDefault("4M")
    MemorySize maxBytes();

    /** ... or when its first item has waited this long. */
    @WithDefault("5s")
    Duration timeout();
  }

  interface Queue {
    /**
     * Items a signal may hold (batching, waiting, in flight) before senders are told to back off.
     */
    @WithDefault("16384")
    int maxItems();

    /**
     * Encoded bytes a signal may hold before senders are told to back off; spans and log records
     * are held as received (about as much heap), metrics decoded (about two to three times).
     */
    @WithDefault("16M")
    MemorySize maxBytes();

    /** The delay a refused sender is asked to wait (gRPC RetryInfo, HTTP Retry-After). */
    @WithDefault("5s")
    Duration retryAfter();

    /**
     * When full, make room by dropping the oldest batches not being exported (counted as dropped,
     * {@code drop_oldest}) instead of pushing back on senders.
     */
    @WithDefault("false")
    boolean dropOldest();
  }

  interface Retry {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("5s")
    Duration initialInterval();

    @WithDefault("30s")
    Duration maxInterval();

    @WithDefault("1.5")
    double multiplier();

    @WithDefault("0.5")
    double randomizationFactor();

    /** A batch that has not been accepted this long after its first attempt is dropped. */
    @WithDefault("300s")
    Duration maxElapsedTime();
  }

  interface Receiver {
    /**
     * Largest OTLP message: HTTP bodies before and after decompression (413) and gRPC messages
     * (RESOURCE_EXHAUSTED; the gRPC server's limit follows this, see {@code GrpcMessageLimit}). At
     * most {@code bridge.queue.max-bytes}: a larger message could never be queued, and reading it
     * would only cost memory.
     */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /**
     * Export requests being read and parsed at once, HTTP and gRPC together; more are refused with
     * 429 / RESOURCE_EXHAUSTED and retry information. Each one in progress may briefly cost a few
     * times {@code max-body-size} in heap, so this is what bounds the receivers' memory.
     */
    @WithDefault("4")
    int maxConcurrentRequests();

    /**
     * On SIGTERM, how long readiness reports DOWN while requests are still taken, so the Service
     * stops routing here before the receivers close.
     */
    @WithDefault("3s")
    Duration shutdownDelay();

    /**
     * After that, how long requests being read may still finish; then the servers close and the
     * queues are drained ({@code bridge.drain-timeout}).
     */
    @WithDefault("10s")
    Duration shutdownTimeout();
  }

  interface WarmUp {
    /**
     * Before readiness turns UP, rehearse the receive and export path (parse, queue, batch, encode,
     * gzip, HTTP) with sample spans sent to a loopback stand-in, never to the destination, so that
     * a fresh replica takes its rated load from its first second instead of refusing while its code
     * is compiled.
     */
    @WithDefault("true")
    boolean enabled();

    /** The rehearsal ends once its rate is steady, or after this long in any case. */
    @WithDefault("20s")
    Duration maxDuration();
  }

  enum Compression {
    GZIP,
    NONE
  }
}
