package io.agentic.platform.executor.run;

import io.nats.client.impl.Headers;
import java.time.Instant;

/**
 * One delivery of a request message, as the run pipeline needs it: {@code subject} is the subject
 * it was published on, which names its tenant. {@code pickedUpNanos} is the {@link
 * System#nanoTime()} of the pickup, so the run duration includes the wait for a run thread.
 *
 * <p>A one-shot run (run mode) is one too: its request read from a file, no subject (null) or
 * stream sequence (0), trace context from the environment, and each try after an unexpected failure
 * counted as a delivery.
 */
public record Delivery(
    String subject,
    byte[] payload,
    Headers headers,
    long deliveredCount,
    long streamSequence,
    Instant pickedUpAt,
    long pickedUpNanos) {}
