package io.agentic.platform.executor.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What is published to the dead-letter subject when a request is given up: the reason, where the
 * message was in the stream, and the original payload (base64, since it may not even be text).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
    int version,
    String reason,
    String detail,
    String runId,
    String tenant,
    String stream,
    String consumer,
    long streamSequence,
    long deliveries,
    Instant deadAt,
    String payloadBase64) {

  public static final int VERSION = 1;
}
