package io.agentic.platform.agentctl.nats;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A fresh W3C trace context for a request this client starts, so the executor's spans and the
 * result continue one trace the user can look up by its id.
 */
public record TraceParent(String traceId, String spanId) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static TraceParent random() {
    return new TraceParent(hex(16), hex(8));
  }

  /** The {@code traceparent} header value, sampled. */
  public String header() {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  private static String hex(int bytes) {
    byte[] value = new byte[bytes];
    do {
      RANDOM.nextBytes(value);
    } while (allZero(value)); // an all-zero id is invalid in W3C trace context
    return HexFormat.of().formatHex(value);
  }

  private static boolean allZero(byte[] value) {
    for (byte b : value) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
