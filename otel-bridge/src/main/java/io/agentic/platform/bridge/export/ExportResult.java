package io.agentic.platform.bridge.export;

import io.agentic.platform.bridge.signal.Signal.PartialSuccess;
import java.time.Duration;
import java.util.Optional;

/** How the destination answered one export request, in the terms of the OTLP retry rules. */
public sealed interface ExportResult {

  /** 2xx: nothing to retry; {@code partial} says how many items it turned away, if any. */
  record Accepted(PartialSuccess partial) implements ExportResult {}

  /** 429, 502, 503, 504, or no answer: the same request may succeed later. */
  record Retryable(Optional<Duration> retryAfter, String reason) implements ExportResult {}

  /** 413: the same items may succeed in smaller requests. */
  record TooLarge(String reason) implements ExportResult {}

  /** Any other answer: sending the same request again would fail again. */
  record Failed(String reason) implements ExportResult {}
}
